// Times as the API writes them: RFC 3339 in UTC with second precision (metav1.Time), e.g. 2026-01-01T00:00:00Z.

let lastSecond = Number.NaN;
let lastText = '';

export function rfc3339(ms: number): string {
  // Called for every condition and event: the simulation writes many per simulated second.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

/** metav1.MicroTime (events' eventTime, leases): microsecond precision. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // millisecond precision
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseRfc3339(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}
