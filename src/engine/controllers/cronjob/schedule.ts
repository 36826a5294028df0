// From a CronJob to a parsed schedule and the times the controller reasons about (cronjob_controllerv2.go
// formatSchedule; §5.5): spec.timeZone is applied by prefixing `TZ=<zone> `, a schedule that already
// mentions TZ is used as written (and warned about), and a zone that does not load leaves the schedule
// in the controller-manager's zone.
import { timeMs } from './times.ts';
import type { ScheduleState } from '../../cron/next-time.ts';
import { parseStandard, type ScheduleResult } from '../../cron/parse-schedule.ts';
import { loadLocation } from '../../cron/time-zone.ts';
import { goQuote } from '../../validate/field.ts';
import type { CronJob } from './types.ts';

export const UNSUPPORTED_SCHEDULE_REASON = 'UnsupportedSchedule';

export function unsupportedScheduleMessage(schedule: string): string {
  return `CRON_TZ or TZ used in schedule ${goQuote(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`;
}

/**
 * formatSchedule: the string handed to the parser. `warn` is called for a schedule containing "TZ" (the
 * UnsupportedSchedule event); the watch handler passes none, as upstream passes a nil recorder.
 */
export function formatSchedule(cj: CronJob, warn?: (message: string) => void): string {
  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    warn?.(unsupportedScheduleMessage(schedule));
    return schedule;
  }
  const zone = cj.spec?.timeZone;
  if (zone !== undefined && zone !== null) {
    if (!loadLocation(zone).ok) return schedule;
    return `TZ=${zone} ${schedule}`;
  }
  return schedule;
}

// Parsing is pure and a CronJob is synced several times per schedule time: parsed schedules are shared.
const parsedSchedules = new Map<string, ScheduleResult>();
const MAX_PARSED = 1000;

/** cron.ParseStandard of a formatted schedule, memoised. */
export function parseSchedule(spec: string): ScheduleResult {
  let r = parsedSchedules.get(spec);
  if (!r) {
    r = parseStandard(spec);
    if (parsedSchedules.size >= MAX_PARSED) parsedSchedules.clear();
    parsedSchedules.set(spec, r);
  }
  return r;
}

/** What mostRecentScheduleTime reads: creationTimestamp, status.lastScheduleTime, startingDeadlineSeconds. */
export function scheduleState(cj: CronJob): ScheduleState {
  const last = cj.status?.lastScheduleTime;
  const deadline = cj.spec?.startingDeadlineSeconds;
  return {
    creationMs: timeMs(cj.metadata.creationTimestamp) ?? 0,
    lastScheduleMs: last ? timeMs(last) : null,
    startingDeadlineSeconds: typeof deadline === 'number' ? deadline : null,
  };
}
