// Whether every CronJob repeats the same way each hour: a schedule that names minutes only (every hour of
// every day of every month, any weekday) read on UTC's wall clock, which has no daylight-saving jumps. A zone
// with transitions, an hour or day field, or `@every` makes the run's hours differ and rules the jump out.
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { formatSchedule, parseSchedule } from '../../controllers/cronjob/schedule.ts';
import type { CronField } from '../../cron/parse-schedule.ts';

const UTC_ZONES = new Set(['Local', 'UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

function full(field: CronField, size: number): boolean {
  return field.values.length === size;
}

export function repeatsHourly(cj: CronJob): boolean {
  const parsed = parseSchedule(formatSchedule(cj));
  if (!parsed.ok) return true; // never schedules anything: nothing to repeat or break
  const s = parsed.schedule;
  if (s.kind !== 'spec' || !UTC_ZONES.has(s.location)) return false;
  // robfig/cron's day rule: both day fields must match when either is `*`, else either may
  const everyDay = s.dom.star || s.dow.star ? full(s.dom, 31) && full(s.dow, 7) : full(s.dom, 31) || full(s.dow, 7);
  return s.second.values.length === 1 && full(s.hour, 24) && full(s.month, 12) && everyDay;
}
