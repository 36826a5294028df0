// When a parsed schedule fires, as the CronJob controller computes it (reference §5.4, §5.5, §5.7):
// robfig/cron v3.0.1 `Schedule.Next` for five-field schedules and `@every`, and the controller's
// `mostRecentScheduleTime` / `nextScheduleTime` / `nextScheduleTimeDuration` (pkg/controller/cronjob/utils.go).
// Times are ms since the Unix epoch; schedules have second granularity, so every result is a whole second.
//
// Time zones: a schedule's location is the `TZ=` prefix the controller adds from spec.timeZone, else 'Local',
// which is the kube-controller-manager's zone: UTC in this lab. DST is handled exactly as robfig walks time:
// * spring forward (New York, 02:00 → 03:00): a wall time inside the gap never occurs, so `30 2 * * *` does not
//   fire that day (its next run is 02:30 the day after) and `0 * * * *` skips the 02:00 hour;
// * fall back (01:00–02:00 twice): a time inside the repeated hour fires twice, once per offset, e.g.
//   `30 1 * * *` at 01:30 EDT and again at 01:30 EST an hour later;
// * a day that starts at 01:00 because midnight is skipped is entered at its first instant.
import { addDate, goDate, GO_ZERO_TIME_MS, wallClock, zoneOffsetSeconds, type WallClock } from './go-time.ts';
import type { CronSchedule, SpecSchedule } from './parse-schedule.ts';

export { GO_ZERO_TIME_MS } from './go-time.ts';

/** nextScheduleDelta: the controller wakes 100 ms after a schedule time (NTP skew padding). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** Event TooManyMissedTimes (Warning), recorded when more than 100 schedule times were missed. */
export const TOO_MANY_MISSED_REASON = 'TooManyMissedTimes';
export const TOO_MANY_MISSED_MESSAGE = 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew';

/** The error of a schedule whose two next times coincide (it can never fire, e.g. `0 0 30 2 *`). */
export const SCHEDULES_TOO_CLOSE = 'time difference between two schedules is less than 1 second';

/** The zone a schedule's wall clock is read in ('Local' is the controller-manager's zone, UTC here). */
export function scheduleZone(schedule: CronSchedule): string {
  return schedule.location === 'Local' ? 'UTC' : schedule.location;
}

// ---- robfig/cron SpecSchedule.Next ----------------------------------------------------------------------

interface Matcher {
  second: boolean[];
  minute: boolean[];
  hour: boolean[];
  dom: boolean[];
  month: boolean[];
  dow: boolean[];
  /** Either day field was a star: both must then match, otherwise either may (§5.4). */
  dayStar: boolean;
  zone: string;
}

const matchers = new WeakMap<SpecSchedule, Matcher>();

function table(values: readonly number[]): boolean[] {
  const t = new Array<boolean>(64).fill(false);
  for (const v of values) t[v] = true;
  return t;
}

function matcher(s: SpecSchedule): Matcher {
  let m = matchers.get(s);
  if (!m) {
    m = {
      second: table(s.second.values),
      minute: table(s.minute.values),
      hour: table(s.hour.values),
      dom: table(s.dom.values),
      month: table(s.month.values),
      dow: table(s.dow.values),
      dayStar: s.dom.star || s.dow.star,
      zone: scheduleZone(s),
    };
    matchers.set(s, m);
  }
  return m;
}

function dayMatches(m: Matcher, w: WallClock): boolean {
  const dom = m.dom[w.day]!;
  const dow = m.dow[w.weekday]!;
  return m.dayStar ? dom && dow : dom || dow;
}

/** The smallest matching value above `from` (up to `max`), or -1. */
function nextValue(t: boolean[], from: number, max: number): number {
  for (let v = from + 1; v <= max; v++) if (t[v]) return v;
  return -1;
}

/**
 * robfig's SpecSchedule.Next: the first whole second strictly after `t` that matches, searching at most five
 * years ahead (else Go's zero time). The minute, second and hour loops step one unit at a time upstream;
 * here a run of steps is taken in one jump when the zone's offset is the same at both ends (no DST change in
 * between, so the wall clock advances exactly as the steps would), and one step at a time otherwise.
 */
function specNext(s: SpecSchedule, afterMs: number): number {
  const m = matcher(s);
  const zone = m.zone;
  // Start at the earliest possible time (the upcoming second).
  let t = Math.floor(afterMs / 1000) + 1;
  let w = wallClock(zone, t);
  let added = false;
  const yearLimit = w.year + 5;

  wrap: for (;;) {
    if (w.year > yearLimit) return GO_ZERO_TIME_MS;

    while (!m.month[w.month]) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, 1, 0, 0, 0);
      }
      t = addDate(zone, t, 0, 1, 0);
      w = wallClock(zone, t);
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(m, w)) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, w.day, 0, 0, 0);
      }
      t = addDate(zone, t, 0, 0, 1);
      w = wallClock(zone, t);
      // Midnight may not exist (DST): come back to the day's start.
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600;
        w = wallClock(zone, t);
      }
      if (w.day === 1) continue wrap;
    }

    while (!m.hour[w.hour]) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, w.day, w.hour, 0, 0);
        w = wallClock(zone, t);
      }
      const target = nextValue(m.hour, w.hour, 23);
      const steps = target < 0 ? 24 - w.hour : target - w.hour;
      const jumped = t + steps * 3600;
      t = zoneOffsetSeconds(zone, jumped) === zoneOffsetSeconds(zone, t) ? jumped : t + 3600;
      w = wallClock(zone, t);
      if (w.hour === 0) continue wrap;
    }

    while (!m.minute[w.minute]) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60) * 60; // Truncate(time.Minute)
        w = wallClock(zone, t);
      }
      const target = nextValue(m.minute, w.minute, 59);
      const steps = target < 0 ? 60 - w.minute : target - w.minute;
      const jumped = t + steps * 60;
      t = zoneOffsetSeconds(zone, jumped) === zoneOffsetSeconds(zone, t) ? jumped : t + 60;
      w = wallClock(zone, t);
      if (w.minute === 0) continue wrap;
    }

    while (!m.second[w.second]) {
      added = true; // Truncate(time.Second) is a no-op on whole seconds
      const target = nextValue(m.second, w.second, 59);
      t += target < 0 ? 60 - w.second : target - w.second;
      w = wallClock(zone, t);
      if (w.second === 0) continue wrap;
    }

    return t * 1000;
  }
}

// The controller asks the same questions several times per sync and per schedule time (next after the last
// schedule time, next after that): recent answers are kept per schedule.
const recentAnswers = new WeakMap<SpecSchedule, Map<number, number>>();
const MAX_ANSWERS = 32;

/** robfig's Schedule.Next: the next activation strictly after `afterMs`, or GO_ZERO_TIME_MS if none. */
export function nextTime(schedule: CronSchedule, afterMs: number): number {
  if (schedule.kind === 'every') {
    // ConstantDelaySchedule: the delay, counted from the start of the current second.
    return afterMs - (((afterMs % 1000) + 1000) % 1000) + schedule.delaySeconds * 1000;
  }
  let answers = recentAnswers.get(schedule);
  if (!answers) recentAnswers.set(schedule, (answers = new Map()));
  let next = answers.get(afterMs);
  if (next === undefined) {
    next = specNext(schedule, afterMs);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(afterMs, next);
  }
  return next;
}

// ---- the CronJob controller's schedule arithmetic -------------------------------------------------------

/** What mostRecentScheduleTime reads from a CronJob. */
export interface ScheduleState {
  /** metadata.creationTimestamp, ms. */
  creationMs: number;
  /** status.lastScheduleTime, ms, or null. */
  lastScheduleMs: number | null;
  /** spec.startingDeadlineSeconds, or null when unset. */
  startingDeadlineSeconds: number | null;
}

export type MissedSchedules = 'none' | 'few' | 'many';

export interface MostRecentSchedule {
  /** lastScheduleTime, else creationTimestamp (moved up to now − startingDeadlineSeconds when asked). */
  earliestMs: number;
  /** The latest schedule time ≤ now after earliestMs, or null. */
  mostRecentMs: number | null;
  missed: MissedSchedules;
  /** SCHEDULES_TOO_CLOSE for a schedule that cannot fire. */
  error: string | null;
}

/**
 * mostRecentScheduleTime (§5.7). With t1 = next(earliest) and t2 = next(t1): nothing is due before t1; t1 is
 * due before t2; past t2 the number of missed times is estimated from the t1–t2 interval and the latest time
 * not after `now` is found by walking from just before the estimate. More than 100 is 'many'.
 */
export function mostRecentScheduleTime(state: ScheduleState, nowMs: number, schedule: CronSchedule, includeStartingDeadlineSeconds: boolean): MostRecentSchedule {
  let earliestMs = state.lastScheduleMs ?? state.creationMs;
  if (includeStartingDeadlineSeconds && state.startingDeadlineSeconds !== null) {
    // The controller is not going to schedule anything below this point.
    const deadline = nowMs - state.startingDeadlineSeconds * 1000;
    if (deadline > earliestMs) earliestMs = deadline;
  }
  const t1 = nextTime(schedule, earliestMs);
  const t2 = nextTime(schedule, t1);
  if (nowMs < t1) return { earliestMs, mostRecentMs: null, missed: 'none', error: null };
  if (nowMs < t2) return { earliestMs, mostRecentMs: t1, missed: 'none', error: null };

  // Go: int64(t2.Sub(t1).Round(time.Second).Seconds()); both are whole seconds.
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliestMs, mostRecentMs: null, missed: 'none', error: SCHEDULES_TOO_CLOSE };
  const elapsed = Math.trunc((nowMs - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;

  // Start one interval before the estimate so irregular schedules (30 6-16/4 * * 1-5) land right.
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  let mostRecentMs: number | null = null;
  for (let t = nextTime(schedule, potentialEarliest); t <= nowMs; t = nextTime(schedule, t)) {
    if (t === GO_ZERO_TIME_MS) break; // Go would loop on the zero time; a schedule that runs dry just stops
    mostRecentMs = t;
  }
  const missed: MissedSchedules = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliestMs, mostRecentMs, missed, error: null };
}

/**
 * nextScheduleTimeDuration: how long until the controller should look again — the next schedule time after
 * the most recent one (or after now when schedules were missed or the schedule is invalid), plus 100 ms.
 */
export function nextScheduleTimeDuration(state: ScheduleState, nowMs: number, schedule: CronSchedule): number {
  const r = mostRecentScheduleTime(state, nowMs, schedule, false);
  let from: number;
  if (r.error !== null) from = nowMs;
  else if (r.mostRecentMs !== null) from = r.mostRecentMs;
  else from = r.missed === 'none' ? r.earliestMs : nowMs;
  return nextTime(schedule, from) + NEXT_SCHEDULE_DELTA_MS - nowMs;
}

export interface NextScheduleTime {
  /** The schedule time a Job should be created for now, or null. */
  timeMs: number | null;
  /** More than 100 times were missed: the caller records TOO_MANY_MISSED_MESSAGE (the time is still used). */
  tooManyMissed: boolean;
  error: string | null;
}

/** nextScheduleTime: the most recent unmet schedule time within the starting deadline (§5.6 step 5, §5.7). */
export function nextScheduleTime(state: ScheduleState, nowMs: number, schedule: CronSchedule): NextScheduleTime {
  const r = mostRecentScheduleTime(state, nowMs, schedule, true);
  if (r.mostRecentMs === null || r.mostRecentMs > nowMs) return { timeMs: null, tooManyMissed: false, error: r.error };
  return { timeMs: r.mostRecentMs, tooManyMissed: r.missed === 'many', error: r.error };
}
