// manageJob (job_controller.go, reference §4.4, §4.6, §4.11): how many pods should run, then one action —
// delete the excess (all of them when suspended) or create the missing ones, at most 500, in slow-start
// batches, the lowest pending indexes first, unless the failure back-off says to wait.
import { remainingBackoffMs } from './backoff.ts';
import { firstPendingIndexes, indexesReadyToCreate, newIndexFailureCounts } from './indexed.ts';
import type { JobPod } from './job-pods.ts';
import {
  MAX_POD_CREATE_DELETE_PER_SYNC, SYNC_JOB_BATCH_PERIOD_MS, hasBackoffLimitPerIndex, isSuspended, onlyReplaceFailedPods,
} from './job-types.ts';
import { activePodsForRemoval } from './removal-order.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../replicaset/slow-start.ts';
import type { SyncCtx } from './sync-context.ts';

export interface ManageResult {
  active: number;
  error?: string;
}

/** enqueueSyncJobWithDelay: never sooner than the batching period. */
function requeueWithDelay(ctx: SyncCtx, ms: number): void {
  ctx.deps.requeueAfter(ctx.key, Math.max(ms, SYNC_JOB_BATCH_PERIOD_MS));
}

function podKey(p: JobPod): string {
  return p.key;
}

export function manageJob(ctx: SyncCtx): ManageResult {
  const job = ctx.job;
  let active = ctx.activePods.length;
  const parallelism = job.spec?.parallelism ?? 1;
  const indexedCompletions = ctx.indexed ? (ctx.completions ?? 0) : null;

  if (isSuspended(job)) {
    const victims = activePodsForRemoval(ctx.activePods, active, indexedCompletions);
    ctx.deps.expectations.expectDeletions(ctx.key, victims.map(podKey));
    const r = deleteJobPods(ctx, victims);
    ctx.terminating += r.removed;
    ctx.ready -= r.removedReady;
    return { active: active - r.removed, error: r.error };
  }

  let wantActive: number;
  if (ctx.completions === null) {
    // A work-queue Job: once a pod succeeded, whatever runs keeps running and nothing new starts.
    wantActive = ctx.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(ctx.completions - ctx.succeeded, parallelism));
  }

  const rmAtLeast = Math.max(0, active - wantActive);
  let victims = activePodsForRemoval(ctx.activePods, rmAtLeast, indexedCompletions);
  if (victims.length > MAX_POD_CREATE_DELETE_PER_SYNC) victims = victims.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (victims.length > 0) {
    // One action per sync: deleting (excess or repeated indexes) wins over creating.
    ctx.deps.expectations.expectDeletions(ctx.key, victims.map(podKey));
    const r = deleteJobPods(ctx, victims);
    ctx.terminating += r.removed;
    ctx.ready -= r.removedReady;
    return { active: active - r.removed, error: r.error };
  }

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };

  const perIndex = hasBackoffLimitPerIndex(job);
  if (!perIndex) {
    const remaining = remainingBackoffMs(ctx.now, ctx.newBackoff.failuresAfterLastSuccess, ctx.newBackoff.lastFailureTime);
    if (remaining > 0) {
      requeueWithDelay(ctx, remaining);
      // The real active count (upstream returned 0 here until #139457, cherry-picked to 1.35 as #139751).
      return { active };
    }
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] | null = null;
  if (ctx.indexed) {
    indexes = firstPendingIndexes(ctx, diff);
    if (perIndex) {
      const ready = indexesReadyToCreate(ctx, indexes);
      if (ready.remainingMs > 0) {
        requeueWithDelay(ctx, ready.remainingMs);
        return { active };
      }
      indexes = ready.now;
    }
    diff = indexes.length;
  }
  if (diff <= 0) return { active };

  ctx.deps.expectations.expectCreations(ctx.key, diff);
  active += diff;
  const factory = ctx.deps.podFactory(job);
  let next = 0;
  const result = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
    const ix = indexes ? indexes[next++]! : null;
    const counts = ix !== null && perIndex ? newIndexFailureCounts(ctx, ctx.delayedPerIndex.get(ix)) : undefined;
    const err = ctx.deps.podControl.create(job, factory.newPod(ix, counts));
    if (err !== undefined) {
      // The informer will never see this pod.
      ctx.deps.expectations.creationObserved(ctx.key);
      active--;
    }
    return err;
  });
  const attempted = result.batches.reduce((a, b) => a + b, 0);
  for (let i = attempted; i < diff; i++) {
    // Creations skipped after a failing batch are retried by a later sync.
    ctx.deps.expectations.creationObserved(ctx.key);
    active--;
  }
  return { active, error: result.error };
}

interface Removal {
  removed: number;
  removedReady: number;
  error?: string;
}

/** deleteJobPods: tracking finalizer off first (the deletion is then not counted as a failure), then DELETE. */
export function deleteJobPods(ctx: SyncCtx, pods: readonly JobPod[]): Removal {
  let removed = pods.length;
  let removedReady = 0;
  let error: string | undefined;
  for (const p of pods) {
    ctx.deps.podControl.removeTrackingFinalizer(p.pod);
    const r = ctx.deps.podControl.delete(ctx.job, p.pod);
    if (!r.ok) {
      ctx.deps.expectations.deletionObserved(ctx.key, p.key);
      if (!r.notFound) {
        removed--;
        error ??= r.error;
      }
    }
    if (p.ready) removedReady++;
  }
  return { removed, removedReady, error };
}

/** deleteActivePods: a finishing Job's remaining pods, deleted with their finalizers kept (counted later). */
export function deleteActivePods(ctx: SyncCtx, pods: readonly JobPod[]): Removal {
  let removed = pods.length;
  let removedReady = 0;
  let error: string | undefined;
  for (const p of pods) {
    const r = ctx.deps.podControl.delete(ctx.job, p.pod);
    if (!r.ok && !r.notFound) {
      removed--;
      error ??= r.error;
    }
    if (p.ready) removedReady++;
  }
  return { removed, removedReady, error };
}
