// How often a CronJob's schedule repeats itself exactly: every hour when it names minutes only, every day when
// it also names hours, every week when it also names weekdays (with any day of the month). That holds on UTC's
// wall clock, and in another zone between two of its offset changes (zone-transitions.ts), which the schedule's
// zone is returned for. Days of the month, months and `@every` make the run's days differ: no period, no jump.
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

export interface SchedulePeriod {
  periodMs: number;
  /** The zone the schedule is read in, unless UTC: the period holds between its offset changes. */
  zone: string | null;
}

/** The schedule's period (an hour, a day or a week) and zone, or null when it has no such period. */
export function schedulePeriod(cj: CronJob): SchedulePeriod | null {
  const parsed = parseSchedule(formatSchedule(cj));
  if (!parsed.ok) return { periodMs: HOUR_MS, zone: null }; // never schedules anything: nothing to repeat or break
  const s = parsed.schedule;
  if (s.kind !== 'spec' || s.second.values.length !== 1 || !full(s.month, 12)) return null;
  const zone = UTC_ZONES.has(s.location) ? null : s.location;
  // robfig/cron's day rule: both day fields must match when either is `*`, else either may
  const everyDay = s.dom.star || s.dow.star ? full(s.dom, 31) && full(s.dow, 7) : full(s.dom, 31) || full(s.dow, 7);
  if (everyDay) return { periodMs: full(s.hour, 24) ? HOUR_MS : DAY_MS, zone };
  // weekdays only: with day-of-month `*` the weekday field alone decides
  return s.dom.star ? { periodMs: WEEK_MS, zone } : null;
}
