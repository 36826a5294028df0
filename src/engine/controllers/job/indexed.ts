// The Indexed-mode bookkeeping of a sync (indexed_job_utils.go, reference §4.10): succeeded and failed
// indexes, the lowest pending indexes, and backoffLimitPerIndex's per-index failure counts and back-off.
import { finishedTime, remainingBackoffMs } from './backoff.ts';
import { firstMissing, hasIndex, intervalsOf, mergeIntervals, parseIntervals, withIndexes, type Interval } from './intervals.ts';
import type { JobPod } from './job-pods.ts';
import { onlyReplaceFailedPods } from './job-types.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { indexFailureCount, indexIgnoredFailureCount, isPodFailed, validIndex, type SyncCtx } from './sync-context.ts';
import type { IndexFailureCounts } from './job-pod-template.ts';

/** calculateSucceededIndexes: status.completedIndexes, and that plus the succeeded pods not yet counted. */
export function succeededIndexes(ctx: SyncCtx): { prev: Interval[]; all: Interval[] } {
  const completions = ctx.completions ?? 0;
  const prev = parseIntervals(ctx.status.completedIndexes, completions);
  const fresh = ctx.tracked.filter((p) => p.phase === 'Succeeded' && validIndex(ctx, p)).map((p) => p.index);
  return { prev, all: withIndexes(prev, [...new Set(fresh)].sort((a, b) => a - b)) };
}

/** isIndexFailed: a FailIndex rule matched, or the index used up backoffLimitPerIndex with counted failures. */
function isIndexFailed(ctx: SyncCtx, p: JobPod): boolean {
  const job = ctx.job;
  if (!isPodFailed(p, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p.pod);
    if (m.action === 'FailIndex') return true;
    counted = m.countFailed;
  }
  return counted && indexFailureCount(p.pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: status.failedIndexes plus the indexes that failed since. */
export function failedIndexes(ctx: SyncCtx): Interval[] {
  const completions = ctx.completions ?? 0;
  const prev = parseIntervals(ctx.status.failedIndexes, completions);
  const fresh = ctx.tracked.filter((p) => validIndex(ctx, p) && isIndexFailed(ctx, p)).map((p) => p.index);
  return withIndexes(prev, [...new Set(fresh)].sort((a, b) => a - b));
}

function absoluteFailureCount(p: JobPod): number {
  return indexFailureCount(p.pod) + indexIgnoredFailureCount(p.pod);
}

/**
 * getPodsWithDelayedDeletionPerIndex: for each index still to retry, its latest failed pod keeps its finalizer
 * until the replacement is created, so the replacement can carry the index's failure count.
 */
export function delayedDeletionPerIndex(ctx: SyncCtx): Map<number, JobPod> {
  const activeIndexes = new Set(ctx.activePods.map((p) => p.index));
  const out = new Map<number, JobPod>();
  for (const p of ctx.tracked) {
    if (!validIndex(ctx, p) || !isPodFailed(p, ctx.job)) continue;
    const ix = p.index;
    if (hasIndex(ctx.succeededIndexes, ix) || (ctx.failedIndexes !== null && hasIndex(ctx.failedIndexes, ix)) || activeIndexes.has(ix)) continue;
    const last = out.get(ix);
    if (!last || (absoluteFailureCount(last) <= absoluteFailureCount(p) && finishedTime(p.pod) >= finishedTime(last.pod))) out.set(ix, p);
  }
  return out;
}

/** getNewIndexFailureCounts: the counts the replacement of `replaced` starts with. */
export function newIndexFailureCounts(ctx: SyncCtx, replaced: JobPod | undefined): IndexFailureCounts {
  if (!replaced) return { failed: 0, ignored: 0 };
  let failed = indexFailureCount(replaced.pod);
  let ignored = indexIgnoredFailureCount(replaced.pod);
  const policy = ctx.job.spec?.podFailurePolicy;
  if (policy && !matchPodFailurePolicy(policy, replaced.pod).countFailed) ignored++;
  else failed++;
  return { failed, ignored };
}

/**
 * firstPendingIndexes: the lowest `count` indexes not succeeded, failed, active — or terminating, when only
 * failed pods are replaced.
 */
export function firstPendingIndexes(ctx: SyncCtx, count: number): number[] {
  let taken = withIndexes(ctx.succeededIndexes, []);
  taken = mergeIntervals(taken, intervalsOf(ctx.activePods.filter((p) => p.index >= 0).map((p) => p.index)));
  if (onlyReplaceFailedPods(ctx.job)) taken = mergeIntervals(taken, intervalsOf(ctx.group.terminatingIndexes.keys()));
  if (ctx.failedIndexes) taken = mergeIntervals(taken, ctx.failedIndexes);
  return firstMissing(taken, count, ctx.completions ?? 0);
}

/**
 * getPodCreationInfoForIndependentIndexes: the indexes whose own back-off has passed, or, when none has, how
 * long until the first one's does.
 */
export function indexesReadyToCreate(ctx: SyncCtx, indexes: readonly number[]): { now: number[]; remainingMs: number } {
  const ready: number[] = [];
  let min: number | undefined;
  for (const ix of indexes) {
    const last = ctx.delayedPerIndex.get(ix);
    const remaining = last ? remainingBackoffMs(ctx.now, absoluteFailureCount(last) + 1, finishedTime(last.pod)) : 0;
    if (remaining === 0) ready.push(ix);
    else if (min === undefined || remaining < min) min = remaining;
  }
  return ready.length ? { now: ready, remainingMs: 0 } : { now: ready, remainingMs: min ?? 0 };
}
