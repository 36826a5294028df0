// How often a CronJob's schedule repeats itself exactly: every hour when it names minutes only, every day when
// it also names hours, every week when it also names weekdays (with any day of the month), read on UTC's wall
// clock, which has no daylight-saving jumps. Days of the month, months, `@every` and zones with transitions make
// the run's days differ from one another: no period, no jump.
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { formatSchedule, parseSchedule } from '../../controllers/cronjob/schedule.ts';
import type { CronField } from '../../cron/parse-schedule.ts';

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const UTC_ZONES = new Set(['Local', 'UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

function full(field: CronField, size: number): boolean {
  return field.values.length === size;
}

/** The schedule's period in ms (an hour, a day or a week), or null when it has none of these. */
export function schedulePeriodMs(cj: CronJob): number | null {
  const parsed = parseSchedule(formatSchedule(cj));
  if (!parsed.ok) return HOUR_MS; // never schedules anything: nothing to repeat or break
  const s = parsed.schedule;
  if (s.kind !== 'spec' || !UTC_ZONES.has(s.location) || s.second.values.length !== 1 || !full(s.month, 12)) return null;
  // robfig/cron's day rule: both day fields must match when either is `*`, else either may
  const everyDay = s.dom.star || s.dow.star ? full(s.dom, 31) && full(s.dow, 7) : full(s.dom, 31) || full(s.dow, 7);
  if (everyDay) return full(s.hour, 24) ? HOUR_MS : DAY_MS;
  // weekdays only: with day-of-month `*` the weekday field alone decides
  return s.dom.star ? WEEK_MS : null;
}
