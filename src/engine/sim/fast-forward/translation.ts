// The jump of a fast-forward is a translation of the recent part of the cluster: every time at or after
// `sinceMs` moves `byMs` later and every resourceVersion above `rvSince` moves `rvBy` higher, as they would have
// after `byMs` more of the same periodic run. Times and versions from before stay as they are (a Node's
// creation, a CronJob's creationTimestamp): they belong to the cluster's past, which the jump does not touch.
// Both the fingerprint (what "the same" means) and the shift (what the jump changes) read values through this
// one rule, so what is compared is what is moved.

export interface Translation {
  readonly sinceMs: number;
  readonly byMs: number;
  readonly rvSince: number;
  readonly rvBy: number;
}

/**
 * metav1.Time and MicroTime as stored (UTC, whole seconds, optional fraction), and RFC 3339 with an offset (the
 * CronJob controller's scheduled-timestamp annotation is written in the schedule's zone).
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function wallMs(m: RegExpExecArray): number {
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function offsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/** The instant a stored timestamp names (ms, fraction beyond the millisecond dropped), or null. */
export function timestampMs(s: string): number | null {
  if (s.length < 20 || s.length > 35 || s.charCodeAt(4) !== 45 /* - */) return null;
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return wallMs(m) - offsetMs(m[8]!) + fraction;
}

/**
 * The same timestamp `byMs` (whole seconds) later, written with the same fraction digits and offset (a jump
 * never crosses a change of offset: see zone-transitions.ts).
 */
export function shiftTimestamp(s: string, byMs: number): string {
  const m = TIMESTAMP.exec(s)!;
  return `${new Date(wallMs(m) + byMs).toISOString().slice(0, 19)}${m[7] ?? ''}${m[8]}`;
}

/** When an object was created (ms), or null. */
export function createdMs(o: { metadata: { creationTimestamp?: string } }): number | null {
  return timestampMs(o.metadata.creationTimestamp ?? '');
}

/** A resourceVersion as stored (decimal digits), or null. */
export function resourceVersionOf(key: string, value: string): number | null {
  if (key !== 'resourceVersion' || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/** A change the shift will make: `holder[key] = value`. */
interface Edit {
  holder: Record<string, unknown>;
  key: string;
  value: string;
}

/**
 * The edits that translate `objects` in place (shared parts visited once), or null when some value to move sits
 * in a frozen object (stored objects are frozen under test unless the simulation says otherwise).
 */
export function planTranslation(objects: Iterable<unknown>, t: Translation): Edit[] | null {
  const edits: Edit[] = [];
  const seen = new Set<object>();
  let frozen = false;
  const visit = (holder: Record<string, unknown> | unknown[]): void => {
    if (seen.has(holder)) return;
    seen.add(holder);
    const isFrozen = Object.isFrozen(holder);
    for (const key of Object.keys(holder)) {
      const v = (holder as Record<string, unknown>)[key];
      if (typeof v === 'string') {
        const value = translated(key, v, t);
        if (value === null) continue;
        if (isFrozen) frozen = true;
        edits.push({ holder: holder as Record<string, unknown>, key, value });
      } else if (v !== null && typeof v === 'object') visit(v as Record<string, unknown>);
    }
  };
  for (const o of objects) if (o !== null && typeof o === 'object') visit(o as Record<string, unknown>);
  return frozen ? null : edits;
}

export function applyTranslation(edits: readonly Edit[]): void {
  for (const e of edits) e.holder[e.key] = e.value;
}

/** The translated text of one string field, or null when it does not move. */
function translated(key: string, v: string, t: Translation): string | null {
  const rv = resourceVersionOf(key, v);
  if (rv !== null) return rv > t.rvSince ? String(rv + t.rvBy) : null;
  const ms = timestampMs(v);
  if (ms !== null && ms >= t.sinceMs) return shiftTimestamp(v, t.byMs);
  return null;
}
