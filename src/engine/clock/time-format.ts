// Times as the API writes them: RFC 3339 in UTC with second precision (metav1.Time), e.g. 2026-01-01T00:00:00Z.

// Called for every condition, event and container state: the simulation formats the same few seconds over and
// over (now, and the start and finish times of running containers), so texts are kept in a small cache indexed
// by the second (direct-mapped: one entry per slot).
const CACHE_SLOTS = 256;
const cachedSecond = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
const cachedText: string[] = new Array<string>(CACHE_SLOTS).fill('');

export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  const slot = second & (CACHE_SLOTS - 1);
  if (cachedSecond[slot] !== second) {
    cachedSecond[slot] = second;
    cachedText[slot] = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return cachedText[slot]!;
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
