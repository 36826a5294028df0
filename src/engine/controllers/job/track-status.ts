// trackJobStatusAndRemoveFinalizers (job_controller.go, reference §4.5, §4.8): finished pods are first written
// to status.uncountedTerminatedPods (Indexed Jobs: their index to completedIndexes), together with an interim
// FailureTarget / SuccessCriteriaMet condition; then their tracking finalizers are removed; then they move into
// the succeeded / failed counters. At most 500 pods per sync. The final Complete / Failed condition, and its
// event, come only when nothing is uncounted and no pod is terminating.
import { rfc3339 } from '../../clock/time-format.ts';
import { ensureConditionStatus, findCondition, newCondition, serializedStatus } from './conditions.ts';
import { formatIntervals, hasIndex, totalOf, withIndexes } from './intervals.ts';
import type { JobPod } from './job-pods.ts';
import { JOB_CONTROLLER, MAX_UNCOUNTED_PODS, hasBackoffLimitPerIndex, type Job, type JobCondition } from './job-types.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { isPodFailed, validIndex, type SyncCtx } from './sync-context.ts';

export function isSuccessCriteriaMet(c: JobCondition | null): boolean {
  return c !== null && c.type === 'SuccessCriteriaMet' && c.status === 'True';
}

/** canRemoveFinalizer: the Job is going or finishing, the pod succeeded, or it failed and needs no replacement first. */
function canRemoveFinalizer(ctx: SyncCtx, p: JobPod, failed: boolean): boolean {
  if (ctx.job.metadata.deletionTimestamp !== undefined || ctx.finished !== null || p.phase === 'Succeeded') return true;
  if (!failed) return false;
  if (hasBackoffLimitPerIndex(ctx.job) && p.index >= 0 && ctx.delayedPerIndex.get(p.index)?.uid === p.uid) return false;
  return true;
}

/**
 * cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone are added to the counters.
 * Returns whether the status changed.
 */
function cleanUncounted(ctx: SyncCtx): boolean {
  const u = ctx.status.uncountedTerminatedPods!;
  // Every pod with the finalizer was active or tracked when the sync started; what it is now decides.
  const hasFinalizer = (uid: string) => {
    const p = ctx.withFinalizer.get(uid);
    return p !== undefined && ctx.group.members.get(p.key)?.info.finalizer === true;
  };
  let changed = false;
  const succeeded = (u.succeeded ?? []).filter(hasFinalizer);
  if (succeeded.length !== (u.succeeded ?? []).length) {
    ctx.status.succeeded = (ctx.status.succeeded ?? 0) + (u.succeeded!.length - succeeded.length);
    u.succeeded = succeeded;
    changed = true;
  }
  const failed = (u.failed ?? []).filter(hasFinalizer);
  if (failed.length !== (u.failed ?? []).length) {
    ctx.status.failed = (ctx.status.failed ?? 0) + (u.failed!.length - failed.length);
    u.failed = failed;
    changed = true;
  }
  return changed;
}

/** Writes the status; the Job as stored afterwards, or an error. */
function writeStatus(ctx: SyncCtx): string | undefined {
  // serializedStatus is a new object whose shared parts (conditions) the sync replaces, never changes: handed over.
  const r = ctx.deps.api.updateStatus<Job>({ ...ctx.job, status: serializedStatus(ctx.status) }, { handOver: true });
  if (!r.ok) return r.error.message;
  ctx.job = r.object;
  return undefined;
}

/** The pods whose outcome this sync may count: Indexed Jobs in index order so indexes are added in order. */
function candidates(ctx: SyncCtx): JobPod[] {
  const everyPod = ctx.finished !== null || ctx.job.metadata.deletionTimestamp !== undefined;
  const list = everyPod ? [...ctx.tracked, ...ctx.activePods.filter((p) => p.finalizer)] : [...ctx.tracked];
  if (ctx.indexed) list.sort((a, b) => a.index - b.index);
  return list;
}

export function trackJobStatusAndRemoveFinalizers(ctx: SyncCtx, needsFlushIn: boolean): string | undefined {
  let needsFlush = needsFlushIn;
  const status = ctx.status;
  const u = status.uncountedTerminatedPods!;
  u.succeeded = [...(u.succeeded ?? [])];
  u.failed = [...(u.failed ?? [])];
  if (cleanUncounted(ctx)) needsFlush = true;

  const toRemove: JobPod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  const policy = ctx.job.spec?.podFailurePolicy;
  for (const p of candidates(ctx)) {
    if (!p.finalizer) continue;
    const failed = isPodFailed(p, ctx.job);
    if (!canRemoveFinalizer(ctx, p, failed)) continue;
    toRemove.push(p);
    if (p.phase === 'Succeeded' && !ctx.uncountedFailed.has(p.uid)) {
      if (ctx.indexed) {
        if (validIndex(ctx, p) && !hasIndex(ctx.prevSucceededIndexes, p.index)) {
          newSucceededIndexes.push(p.index);
          needsFlush = true;
        }
      } else if (!ctx.uncountedSucceeded.has(p.uid)) {
        needsFlush = true;
        u.succeeded.push(p.uid);
      }
    } else if (failed || (ctx.finished !== null && !isSuccessCriteriaMet(ctx.finished))) {
      // Once the Job is failing, every pod that did not succeed counts as failed.
      if (!ctx.uncountedFailed.has(p.uid) && validIndex(ctx, p)) {
        if (!policy || matchPodFailurePolicy(policy, p.pod).countFailed) {
          needsFlush = true;
          u.failed.push(p.uid);
        }
      }
    }
    if (newSucceededIndexes.length + u.succeeded.length + u.failed.length >= MAX_UNCOUNTED_PODS) {
      reachedMax = true;
      break;
    }
  }

  if (ctx.indexed) {
    ctx.succeededIndexes = withIndexes(ctx.succeededIndexes, newSucceededIndexes);
    const text = formatIntervals(ctx.succeededIndexes);
    if (text !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = totalOf(ctx.succeededIndexes);
    status.completedIndexes = text;
    const failedText = ctx.failedIndexes ? formatIntervals(ctx.failedIndexes) : undefined;
    if (failedText !== status.failedIndexes) {
      status.failedIndexes = failedText;
      needsFlush = true;
    }
  }

  if (ctx.finished?.type === 'FailureTarget') {
    // The interim condition is written before any finalizer goes, then the final one is prepared.
    status.conditions = [...(status.conditions ?? []), ctx.finished];
    needsFlush = true;
    ctx.finished = newCondition('Failed', 'True', ctx.finished.reason ?? '', ctx.finished.message ?? '', ctx.now);
  }
  if (isSuccessCriteriaMet(ctx.finished)) {
    const done = ctx.finished!;
    if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
      status.conditions = [...(status.conditions ?? []), done];
      needsFlush = true;
    }
    ctx.finished = newCondition('Complete', 'True', done.reason ?? '', done.message ?? '', ctx.now);
  }

  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    const err = writeStatus(ctx);
    if (err) return `adding uncounted pods to status: ${err}`;
    ctx.deps.backoff.update(ctx.newBackoff);
    needsFlush = false;
  }
  for (const p of toRemove) ctx.deps.podControl.removeTrackingFinalizer(p.pod);
  if (cleanUncounted(ctx)) needsFlush = true;

  const finished = !reachedMax && enactJobFinished(ctx);
  if (finished) needsFlush = true;
  if (needsFlush) {
    const err = writeStatus(ctx);
    if (err) return `removing uncounted pods from status: ${err}`;
    if (finished) recordJobFinished(ctx, ctx.finished!);
  }
  return undefined;
}

/** enactJobFinished: the final condition, once nothing is uncounted and no pod is terminating. */
function enactJobFinished(ctx: SyncCtx): boolean {
  const c = ctx.finished;
  if (!c) return false;
  const u = ctx.status.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (ctx.terminating > 0) return false;
  ensureConditionStatus(ctx.status, c.type, c.status, c.reason ?? '', c.message ?? '', ctx.now);
  if (c.type === 'Complete') ctx.status.completionTime = c.lastTransitionTime ?? rfc3339(ctx.now);
  return true;
}

/** recordJobFinished: Completed (and TooManySucceededPods), or a Warning with the failure's reason and message. */
function recordJobFinished(ctx: SyncCtx, c: JobCondition): void {
  const job = ctx.job;
  const events = ctx.deps.events;
  if (c.type === 'Complete') {
    if (ctx.completions !== null && (job.status?.succeeded ?? 0) > ctx.completions) {
      events.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', JOB_CONTROLLER);
    }
    events.record(job, 'Normal', 'Completed', 'Job completed', JOB_CONTROLLER);
    return;
  }
  events.record(job, 'Warning', c.reason ?? '', c.message ?? '', JOB_CONTROLLER);
}
