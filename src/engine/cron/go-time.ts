// The few pieces of Go's `time` package that cron schedules depend on, for instants held as Unix seconds:
// the wall clock of an instant in an IANA zone, `time.Date` (with Go's choice for wall times that fall in a
// DST gap or overlap), and the RFC 3339 / RFC 1123Z layouts. Zone offsets come from the IANA database behind
// Intl; 'UTC' and 'Local' (the controller-manager's zone, UTC in this lab) need no lookup.

/** Go's zero time.Time (January 1, year 1, UTC), what robfig/cron returns for "never", in ms since the epoch. */
export const GO_ZERO_TIME_MS = -62135596800000;

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

const DAY = 86400;

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Local';
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; any day, overflow carries). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: (month <= 2 ? 1 : 0) + yoe + era * 400, month, day };
}

/** Wall-clock fields read as if they were UTC, in seconds; month, day, hour … overflow carries as in Go's norm. */
function wallSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  return daysFromCivil(y, m + 1, 1) * DAY + (day - 1) * DAY + hour * 3600 + minute * 60 + second;
}

// ---- zone offsets ---------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset at an instant, in seconds, straight from Intl. */
function intlOffset(zone: string, unix: number): number {
  const parts = formatter(zone).formatToParts(new Date(unix * 1000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return wallSeconds(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')) - unix;
}

// Offsets change only at transitions, which (for the zones' current rules) fall on quarter hours UTC. Lookups
// are cached per zone and 15-minute bucket; a bucket whose two ends disagree holds a transition and is asked
// of Intl second by second instead.
const BUCKET = 900;
const MIXED = Number.NaN;
const MAX_CACHED = 200_000;
const offsetCache = new Map<string, Map<number, number>>();

export function zoneOffsetSeconds(zone: string, unix: number): number {
  if (isUtc(zone)) return 0;
  let cache = offsetCache.get(zone);
  if (!cache) offsetCache.set(zone, (cache = new Map()));
  const bucket = Math.floor(unix / BUCKET);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = intlOffset(zone, bucket * BUCKET);
    offset = start === intlOffset(zone, bucket * BUCKET + BUCKET - 1) ? start : MIXED;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? intlOffset(zone, unix) : offset;
}

// ---- Go time functions ----------------------------------------------------------------------------------

/** The wall clock of an instant in a zone (Go's t.In(loc).Date() / Clock() / Weekday()). */
export function wallClock(zone: string, unix: number): WallClock {
  const local = unix + zoneOffsetSeconds(zone, unix);
  const days = Math.floor(local / DAY);
  const secOfDay = local - days * DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/**
 * Go's time.Date in a zone, as Unix seconds. Fields overflow into the next unit. A wall time that does not
 * exist (spring-forward gap) or exists twice (fall-back overlap) resolves as Go resolves it: the offset in
 * force at the wall time read as UTC is tried first, and the one in force at the resulting instant wins when
 * they differ — so in New York 02:30 on the spring-forward day becomes 01:30 EST (06:30 UTC) and 01:30 on the
 * fall-back day is the first one, 01:30 EDT. A zone at offset 0 at that reading (London in winter) is not
 * re-checked, as in Go.
 */
export function goDate(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const unix = wallSeconds(year, month, day, hour, minute, second);
  if (isUtc(zone)) return unix;
  let offset = zoneOffsetSeconds(zone, unix);
  if (offset !== 0) {
    const atUtc = zoneOffsetSeconds(zone, unix - offset);
    if (atUtc !== offset) offset = atUtc;
  }
  return unix - offset;
}

/** t.AddDate(years, months, days): the wall clock shifted, then normalised by time.Date. */
export function addDate(zone: string, unix: number, years: number, months: number, days: number): number {
  const w = wallClock(zone, unix);
  return goDate(zone, w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 3600))}${colon ? ':' : ''}${pad(Math.floor((abs % 3600) / 60))}`;
}

/** t.In(zone).Format(time.RFC3339): `2026-01-05T10:00:00-05:00`, `Z` when the offset is zero. */
export function formatRfc3339(ms: number, zone: string): string {
  const unix = Math.floor(ms / 1000);
  const w = wallClock(zone, unix);
  const offset = zoneOffsetSeconds(zone, unix);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return `${date}${offset === 0 ? 'Z' : offsetText(offset, true)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** t.UTC().Format(time.RFC1123Z): `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function formatRfc1123zUtc(ms: number): string {
  const w = wallClock('UTC', Math.floor(ms / 1000));
  return `${WEEKDAYS[w.weekday]}, ${pad(w.day)} ${MONTHS[w.month - 1]} ${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} +0000`;
}
