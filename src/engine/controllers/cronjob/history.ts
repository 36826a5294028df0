// History limits (cronjob_controllerv2.go cleanupFinishedJobs / removeOldestJobs, utils.go byJobStartTime;
// §5.6 step 2): finished Jobs are split into successful and failed, each list sorted oldest first by
// status.startTime (Jobs without one last, the name breaking ties), and the oldest beyond
// successfulJobsHistoryLimit / failedJobsHistoryLimit are deleted.
import { compareStrings } from '../../api/api-server.ts';
import { timeMs } from './times.ts';
import { finishedCondition } from './job-status.ts';
import type { CronJob, Job } from './types.ts';

function startMs(job: Job): number | null {
  const s = job.status?.startTime;
  return s ? timeMs(s) : null;
}

/** byJobStartTime: by startTime, nil last, name as tie-break. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = startMs(a);
  const sb = startMs(b);
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  if (sa === sb) return compareStrings(a.metadata.name, b.metadata.name);
  return sa! - sb!;
}

/** The Jobs removeOldestJobs deletes from one list to keep `limit`. */
export function oldestBeyondLimit(jobs: readonly Job[], limit: number): Job[] {
  const excess = jobs.length - limit;
  if (excess <= 0) return [];
  return [...jobs].sort(byJobStartTime).slice(0, excess);
}

/**
 * cleanupFinishedJobs: deletes the finished Jobs beyond the limits through `deleteJob` (which records the
 * events and drops the Job from status.active). Returns whether a status update is needed.
 */
export function cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[], deleteJob: (job: Job) => boolean): boolean {
  const successfulLimit = cj.spec?.successfulJobsHistoryLimit;
  const failedLimit = cj.spec?.failedJobsHistoryLimit;
  if (successfulLimit === undefined && failedLimit === undefined) return false;
  const successful: Job[] = [];
  const failed: Job[] = [];
  for (const job of jobs) {
    const finished = finishedCondition(job);
    if (finished === 'Complete') successful.push(job);
    else if (finished === 'Failed') failed.push(job);
  }
  let updateStatus = false;
  if (successfulLimit !== undefined) for (const job of oldestBeyondLimit(successful, successfulLimit)) if (deleteJob(job)) updateStatus = true;
  if (failedLimit !== undefined) for (const job of oldestBeyondLimit(failed, failedLimit)) if (deleteJob(job)) updateStatus = true;
  return updateStatus;
}
