// One CronJob reconcile after history cleanup (cronjob_controllerv2.go syncCronJob; reference §5.6 steps 3–9,
// §5.7, §5.8, §5.9): reconcile status.active with the Jobs that exist, then decide whether the most recent
// unmet schedule time gets a Job now, and when to look again.
import { controllerOf } from '../../api/objects.ts';
import { rfc3339 } from '../../clock/time-format.ts';
import { formatRfc1123zUtc } from '../../cron/go-time.ts';
import { nextScheduleTime, nextScheduleTimeDuration, TOO_MANY_MISSED_MESSAGE, TOO_MANY_MISSED_REASON } from '../../cron/next-time.ts';
import { loadLocation } from '../../cron/time-zone.ts';
import { goQuote } from '../../validate/field.ts';
import { deleteFromActiveList, inActiveList, inActiveListByName, jobReference } from './active-list.ts';
import type { JobControl } from './job-control.ts';
import { getJobName, jobFromTemplate } from './job-from-template.ts';
import { finishedCondition, isJobSucceeded } from './job-status.ts';
import { formatSchedule, parseSchedule, scheduleState, UNSUPPORTED_SCHEDULE_REASON } from './schedule.ts';
import { timeMs } from './times.ts';
import type { CronJob, Job } from './types.ts';

export interface SyncOutcome {
  /** When to sync again (ms from now), or null: not until something changes (suspended, bad schedule). */
  requeueAfterMs: number | null;
  /** The working copy's status changed and must be written. */
  updateStatus: boolean;
  /** A failed write: the key is retried with back-off. */
  error: string | null;
}

/** Reconciles status.active with the owned Jobs (§5.6 step 3). Returns whether status changed. */
function reconcileActive(control: JobControl, cj: CronJob, jobs: readonly Job[]): { updateStatus: boolean; error: string | null } {
  let updateStatus = false;
  const children = new Set<string>();
  for (const job of jobs) {
    children.add(job.metadata.uid);
    const found = inActiveList(cj, job.metadata.uid);
    const finished = finishedCondition(job);
    if (!found && finished === null) {
      // Upstream re-reads the CronJob in case its informer lags behind the controller's own last status
      // write; the simulated informer never lags, but the re-read is kept as upstream has it.
      const fresh = control.getCronJob(cj.metadata.namespace, cj.metadata.name);
      if (!fresh) return { updateStatus, error: `cronjobs.batch "${cj.metadata.name}" not found` };
      if (inActiveList(fresh, job.metadata.uid)) continue;
      control.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (finished !== null) {
      if (found) {
        deleteFromActiveList(cj, job.metadata.uid);
        control.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished}`);
        updateStatus = true;
      }
      if (isJobSucceeded(job)) {
        // A successful Job need not be in the active list: the latest completionTime wins.
        const status = (cj.status ??= {});
        const completion = job.status?.completionTime;
        if (status.lastSuccessfulTime === undefined) {
          if (completion !== undefined) status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
        if (completion !== undefined && status.lastSuccessfulTime !== undefined && (timeMs(completion) ?? 0) > (timeMs(status.lastSuccessfulTime) ?? 0)) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }
  }
  // An active entry whose Job is gone would keep the CronJob "active" forever.
  for (const ref of [...(cj.status?.active ?? [])]) {
    if (children.has(ref.uid)) continue;
    if (control.getJob(ref.namespace, ref.name)) continue; // missing from the cache but present in the API
    control.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    deleteFromActiveList(cj, ref.uid);
    updateStatus = true;
  }
  return { updateStatus, error: null };
}

export function syncCronJob(control: JobControl, cj: CronJob, jobs: readonly Job[], now: number): SyncOutcome {
  const active = reconcileActive(control, cj, jobs);
  let updateStatus = active.updateStatus;
  const stop = (error: string | null = null): SyncOutcome => ({ requeueAfterMs: null, updateStatus, error });
  if (active.error) return stop(active.error);

  // Being deleted: nothing but the status update.
  if (cj.metadata.deletionTimestamp !== undefined) return stop();

  const zone = cj.spec?.timeZone;
  if (zone !== undefined && zone !== null) {
    const loaded = loadLocation(zone);
    if (!loaded.ok) {
      control.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${goQuote(zone)}: ${loaded.error}`);
      return stop();
    }
  }

  if (cj.spec?.suspend === true) return stop();

  const parsed = parseSchedule(formatSchedule(cj, (message) => control.record(cj, 'Warning', UNSUPPORTED_SCHEDULE_REASON, message)));
  if (!parsed.ok) {
    control.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${goQuote(cj.spec?.schedule ?? '')} : ${parsed.error}`);
    return stop();
  }
  const sched = parsed.schedule;
  const next = nextScheduleTime(scheduleState(cj), now, sched);
  if (next.tooManyMissed) control.record(cj, 'Warning', TOO_MANY_MISSED_REASON, TOO_MANY_MISSED_MESSAGE);
  if (next.error !== null) {
    control.record(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${next.error}`);
    return stop();
  }
  const requeue = (): SyncOutcome => ({ requeueAfterMs: nextScheduleTimeDuration(scheduleState(cj), now, sched), updateStatus, error: null });
  const scheduled = next.timeMs;
  if (scheduled === null) return requeue();

  const deadline = cj.spec?.startingDeadlineSeconds;
  if (typeof deadline === 'number' && scheduled + deadline * 1000 < now) {
    control.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRfc1123zUtc(scheduled)}`);
    return requeue();
  }

  const jobName = getJobName(cj, scheduled);
  const lastSchedule = cj.status?.lastScheduleTime;
  if (inActiveListByName(cj, cj.metadata.namespace, jobName) || (lastSchedule !== undefined && timeMs(lastSchedule) === scheduled)) {
    return requeue(); // this time was already handled
  }

  const policy = cj.spec?.concurrencyPolicy;
  if (policy === 'Forbid' && (cj.status?.active ?? []).length > 0) {
    control.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return requeue();
  }
  if (policy === 'Replace') {
    for (const ref of [...(cj.status?.active ?? [])]) {
      const job = control.getJob(ref.namespace, ref.name);
      if (!job) {
        control.record(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
        return stop(`jobs.batch "${ref.name}" not found`);
      }
      if (!control.deleteJob(cj, job)) return stop(`could not replace job ${ref.namespace}/${ref.name}`);
      updateStatus = true;
    }
  }

  const created = control.createJob(jobFromTemplate(cj, scheduled));
  let job: Job;
  if (created.ok) {
    job = created.object;
    control.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
  } else if (created.error.reason === 'AlreadyExists') {
    // Created by an earlier sync whose status write was lost: re-add it to active if it is ours.
    const existing = control.getJob(cj.metadata.namespace, jobName);
    if (!existing) return stop(`jobs.batch "${jobName}" not found`);
    if (controllerOf(existing)?.uid !== cj.metadata.uid) return stop();
    if (inActiveList(cj, existing.metadata.uid)) return stop();
    job = existing;
  } else {
    control.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${created.error.message}`);
    return stop(created.error.message);
  }

  const status = (cj.status ??= {});
  status.active = [...(status.active ?? []), jobReference(job)];
  status.lastScheduleTime = rfc3339(scheduled);
  updateStatus = true;
  return requeue();
}
