// syncJob (job_controller.go): one reconcile of one Job, in the order of the 1.35 controller —
// count what finished since the last sync, decide whether the Job is finishing (an existing interim condition,
// a FailJob rule, the backoff limit, the active deadline, per-index limits, the success policy), then either
// delete the remaining pods of a finishing Job or manage its pods (§4.4), update the Suspended condition, and
// hand the status over to the tracking step (§4.5, §4.8).
import type { Pod } from '../../api/kinds.ts';
import { clone } from '../../api/objects.ts';
import { rfc3339 } from '../../clock/time-format.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import { ensureConditionStatus, findCondition, newCondition } from './conditions.ts';
import { delayedDeletionPerIndex, failedIndexes, succeededIndexes } from './indexed.ts';
import { totalOf } from './intervals.ts';
import type { JobPod, JobPodGroup } from './job-pods.ts';
import { JOB_CONTROLLER, completionsOf, hasBackoffLimitPerIndex, isIndexedJob, isSuspended, type Job, type JobCondition, type JobStatus } from './job-types.ts';
import { deleteActivePods, manageJob } from './manage-job.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { matchSuccessPolicy } from './success-policy.ts';
import { isPodFailed, validIndex, type JobSyncDeps, type SyncCtx } from './sync-context.ts';
import { trackJobStatusAndRemoveFinalizers } from './track-status.ts';

/** newFailureCondition with delayTerminalCondition on (1.35): the interim FailureTarget. */
function failureTarget(reason: string, message: string, nowMs: number): JobCondition {
  return newCondition('FailureTarget', 'True', reason, message, nowMs);
}

/** pastBackoffLimitOnFailure (§4.6): restarts of running and pending pods of an OnFailure Job reach the limit. */
function pastBackoffLimitOnFailure(job: Job, restartSum: number): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restartSum > 0 : restartSum >= limit;
}

/** pastActiveDeadline (§4.7): measured from status.startTime; never while suspended. */
function pastActiveDeadline(job: Job, status: JobStatus, nowMs: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = timeMs(status.startTime);
  if (ads === undefined || ads === null || start === undefined || isSuspended(job)) return false;
  return nowMs - start >= ads * 1000;
}

/** getFailJobMessage: the message of the first failed pod matching a FailJob rule. */
function failJobMessage(job: Job, tracked: readonly JobPod[]): string | undefined {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return undefined;
  for (const p of tracked) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(policy, p.pod).failJobMessage;
    if (m !== undefined) return m;
  }
  return undefined;
}

function pods(list: readonly JobPod[]): Pod[] {
  return list.map((p) => p.pod);
}

/** Returns the sync's error (the key is then retried with back-off), if any. */
export function syncJob(deps: JobSyncDeps, key: string, job: Job, group: JobPodGroup, satisfiedExpectations: boolean): string | undefined {
  const now = deps.now();
  const status: JobStatus = clone(job.status ?? {});
  status.uncountedTerminatedPods ??= {};
  const completions = completionsOf(job);
  const activePods = [...group.active.values()];
  const tracked = [...group.tracked.values()];
  const restartSum = group.restartSum;
  const withFinalizer = new Map<string, JobPod>();
  for (const p of tracked) withFinalizer.set(p.uid, p);
  for (const p of activePods) if (p.finalizer) withFinalizer.set(p.uid, p);
  const ctx: SyncCtx = {
    deps,
    key,
    job,
    status,
    now,
    indexed: isIndexedJob(job),
    completions,
    group,
    activePods,
    tracked,
    withFinalizer,
    uncountedSucceeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
    uncountedFailed: new Set(status.uncountedTerminatedPods.failed ?? []),
    finished: null,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    failedIndexes: null,
    newBackoff: { key, failuresAfterLastSuccess: 0, lastFailureTime: null },
    delayedPerIndex: new Map(),
    terminating: group.terminating,
    ready: group.ready,
  };

  // getNewFinishedPods: finished pods still carrying the finalizer and not yet in uncountedTerminatedPods.
  const newSucceeded = tracked.filter((p) => validIndex(ctx, p) && !ctx.uncountedSucceeded.has(p.uid) && p.phase === 'Succeeded');
  const newFailed = tracked.filter((p) => validIndex(ctx, p) && !ctx.uncountedFailed.has(p.uid) && isPodFailed(p, job));
  const policy = job.spec?.podFailurePolicy;
  const countedNewFailed = policy ? newFailed.filter((p) => matchPodFailurePolicy(policy, p.pod).countFailed).length : newFailed.length;
  ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncountedSucceeded.size;
  ctx.failed = (status.failed ?? 0) + countedNewFailed + ctx.uncountedFailed.size;

  // The first sync of a Job that is not suspended starts its clock.
  if (!status.startTime && !isSuspended(job)) status.startTime = rfc3339(now);
  ctx.newBackoff = deps.backoff.newRecord(key, pods(newSucceeded), pods(newFailed));

  const exceedsBackoffLimit = ctx.failed > (job.spec?.backoffLimit ?? 6);
  const met = findCondition(status.conditions, 'SuccessCriteriaMet');
  ctx.finished = met?.status === 'True' ? met : null;
  if (!ctx.finished) {
    // With SuccessCriteriaMet already set the outcome is decided: no failure rule is evaluated any more.
    const target = findCondition(status.conditions, 'FailureTarget');
    if (target?.status === 'True') ctx.finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    else {
      const msg = failJobMessage(job, tracked);
      if (msg !== undefined) ctx.finished = failureTarget('PodFailurePolicy', msg, now);
    }
  }
  if (!ctx.finished) {
    const ads = job.spec?.activeDeadlineSeconds;
    if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, restartSum)) {
      ctx.finished = failureTarget('BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (pastActiveDeadline(job, status, now)) {
      ctx.finished = failureTarget('DeadlineExceeded', 'Job was active longer than specified deadline', now);
    } else if (ads !== undefined && ads !== null && !isSuspended(job)) {
      // Come back exactly when the deadline passes.
      deps.requeueAfter(key, ads * 1000 - (now - (timeMs(status.startTime) ?? now)));
    }
  }

  if (ctx.indexed) {
    const s = succeededIndexes(ctx);
    ctx.prevSucceededIndexes = s.prev;
    ctx.succeededIndexes = s.all;
    ctx.succeeded = totalOf(s.all);
    if (hasBackoffLimitPerIndex(job)) {
      ctx.failedIndexes = failedIndexes(ctx);
      const failedCount = totalOf(ctx.failedIndexes);
      if (!ctx.finished) {
        const max = job.spec?.maxFailedIndexes;
        if (max !== undefined && max !== null && failedCount > max) {
          ctx.finished = failureTarget('MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
        } else if (failedCount > 0 && failedCount + ctx.succeeded >= (completions ?? 0)) {
          ctx.finished = failureTarget('FailedIndexes', 'Job has failed indexes', now);
        }
      }
      ctx.delayedPerIndex = delayedDeletionPerIndex(ctx);
    }
    if (!ctx.finished) {
      const msg = matchSuccessPolicy(job.spec?.successPolicy?.rules, completions ?? 0, ctx.succeededIndexes);
      if (msg !== undefined) ctx.finished = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, now);
    }
  }

  let active = activePods.length;
  let manageError: string | undefined;
  let suspendChanged = false;
  if (ctx.finished) {
    const r = deleteActivePods(ctx, activePods);
    // Not finished yet while a deletion failed or pods may be missing from the cache.
    if (r.removed !== active || !satisfiedExpectations) ctx.finished = null;
    active -= r.removed;
    ctx.terminating += r.removed;
    ctx.ready -= r.removedReady;
    manageError = r.error;
  } else {
    let manageCalled = false;
    if (satisfiedExpectations && job.metadata.deletionTimestamp === undefined) {
      const r = manageJob(ctx);
      active = r.active;
      manageError = r.error;
      manageCalled = true;
    }
    const complete = completions === null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
    if (complete) {
      ctx.finished = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    } else if (manageCalled) {
      if (isSuspended(job)) {
        suspendChanged = ensureConditionStatus(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        if (suspendChanged) deps.events.record(job, 'Normal', 'Suspended', 'Job suspended', JOB_CONTROLLER);
      } else {
        suspendChanged = ensureConditionStatus(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        if (suspendChanged) {
          deps.events.record(job, 'Normal', 'Resumed', 'Job resumed', JOB_CONTROLLER);
          // activeDeadlineSeconds counts the time the Job is continuously active.
          status.startTime = rfc3339(now);
        }
      }
    }
  }

  const needsStatusUpdate = suspendChanged || active !== (status.active ?? 0) || ctx.ready !== status.ready || ctx.terminating !== status.terminating;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  const err = trackJobStatusAndRemoveFinalizers(ctx, needsStatusUpdate);
  if (err) return `tracking status: ${err}`;
  return manageError;
}
