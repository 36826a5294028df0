// What one sync of one Job works with (syncJobCtx of job_controller.go): the Job and its working status, a
// snapshot of its pods taken when the sync starts (later writes in the same sync change the live view, not
// what this sync decided from), the counts derived from them, and the controller's collaborators.
import type { ApiServer } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Pod } from '../../api/kinds.ts';
import type { Expectations } from '../replicaset/expectations.ts';
import type { BackoffRecord, BackoffStore } from './backoff.ts';
import type { Interval } from './intervals.ts';
import type { JobPod, JobPodGroup } from './job-pods.ts';
import { JOB_INDEX_FAILURE_COUNT, JOB_INDEX_IGNORED_FAILURE_COUNT, onlyReplaceFailedPods, type Job, type JobCondition, type JobStatus } from './job-types.ts';
import type { JobPodFactory } from './job-pod-template.ts';
import type { JobPodControl } from './pod-control.ts';

export interface JobSyncDeps {
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly podControl: JobPodControl;
  readonly expectations: Expectations;
  readonly backoff: BackoffStore;
  /** The pod factory of this Job's current spec. */
  podFactory(job: Job): JobPodFactory;
  now(): number;
  /** queue.AddAfter for this Job's key. */
  requeueAfter(key: string, ms: number): void;
}

export interface SyncCtx {
  readonly deps: JobSyncDeps;
  readonly key: string;
  /** The Job as last written (replaced after each status write). */
  job: Job;
  /** The status being built. */
  status: JobStatus;
  readonly now: number;
  readonly indexed: boolean;
  /** spec.completions (null: a work-queue Job). */
  readonly completions: number | null;
  readonly group: JobPodGroup;
  readonly activePods: readonly JobPod[];
  /** Pods with the tracking finalizer that are not active (finished or being deleted), in the order seen. */
  readonly tracked: readonly JobPod[];
  /** The pods that had the tracking finalizer when the sync started, by UID. */
  readonly withFinalizer: ReadonlyMap<string, JobPod>;
  readonly uncountedSucceeded: ReadonlySet<string>;
  readonly uncountedFailed: ReadonlySet<string>;
  /** The finished condition decided so far (interim FailureTarget / SuccessCriteriaMet, or Failed / Complete). */
  finished: JobCondition | null;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Interval[];
  succeededIndexes: Interval[];
  failedIndexes: Interval[] | null;
  newBackoff: BackoffRecord;
  /** backoffLimitPerIndex: per index, the failed pod whose finalizer stays until its replacement exists. */
  delayedPerIndex: Map<number, JobPod>;
  terminating: number;
  ready: number;
}

/** isPodFailed (§4.5): phase Failed; or, unless only failed pods are replaced, being deleted and not Succeeded. */
export function isPodFailed(p: JobPod, job: Job): boolean {
  if (p.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return p.deleting && p.phase !== 'Succeeded';
}

/** A pod's completion index is usable: known and below completions (always true for NonIndexed Jobs). */
export function validIndex(ctx: SyncCtx, p: JobPod): boolean {
  return !ctx.indexed || (p.index >= 0 && p.index < (ctx.completions ?? 0));
}

function int32Annotation(pod: Pod, key: string): number {
  const v = pod.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2147483647 ? 0 : n;
}

/** batch.kubernetes.io/job-index-failure-count (0 when absent or unusable). */
export function indexFailureCount(pod: Pod): number {
  return int32Annotation(pod, JOB_INDEX_FAILURE_COUNT);
}

export function indexIgnoredFailureCount(pod: Pod): number {
  return int32Annotation(pod, JOB_INDEX_IGNORED_FAILURE_COUNT);
}
