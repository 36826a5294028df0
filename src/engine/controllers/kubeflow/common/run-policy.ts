// runPolicy limits and clean-up (release-1.9 pkg/core/job.go `PastBackoffLimit`, `PastActiveDeadline`;
// common/job.go `DeletePodsAndServices`, `CleanupJob`; reference §4.6–§4.8).
import type { Pod } from '../../../api/kinds.ts';
import { isFinished } from './conditions.ts';
import { forReplicaType } from './replica-pods.ts';
import type { DefaultedJob, JobStatus, RunPolicy } from './types.ts';

/**
 * (a) of §4.6: the restartCount of every container and init container of the Running pods whose replica type
 * restarts (OnFailure, Always, ExitCode), summed; ≥ backoffLimit fails the job (> 0 when the limit is 0).
 */
export function pastBackoffLimit(d: DefaultedJob, pods: readonly Pod[]): boolean {
  const limit = d.runPolicy.backoffLimit;
  if (limit === undefined || limit === null) return false;
  let restarts = 0;
  for (const [type, spec] of d.replicas) {
    if (spec.restartPolicy !== 'OnFailure' && spec.restartPolicy !== 'Always' && spec.restartPolicy !== 'ExitCode') continue;
    for (const pod of forReplicaType(pods, type.toLowerCase())) {
      if (pod.status?.phase !== 'Running') continue;
      for (const s of pod.status.initContainerStatuses ?? []) restarts += s.restartCount ?? 0;
      for (const s of pod.status.containerStatuses ?? []) restarts += s.restartCount ?? 0;
    }
  }
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** `PastActiveDeadline`: now − startTime ≥ activeDeadlineSeconds (startTime as stored, whole seconds). */
export function pastActiveDeadline(runPolicy: RunPolicy, status: JobStatus, nowMs: number): boolean {
  const ads = runPolicy.activeDeadlineSeconds;
  if (ads === undefined || ads === null || !status.startTime) return false;
  return nowMs - Date.parse(status.startTime) >= ads * 1000;
}

/**
 * Which pods `DeletePodsAndServices` removes (each with its same-name Service). An unfinished job loses them all
 * (suspend, and the backoff/deadline failure of release-1.9.0–1.9.3, which deletes before recording Failed);
 * a finished one follows cleanPodPolicy: None keeps everything, Running takes Running and Pending pods, All —
 * and any unknown value — takes every pod.
 */
export function podsToCleanUp(runPolicy: RunPolicy, status: JobStatus, pods: readonly Pod[]): Pod[] {
  if (!pods.length) return [];
  const finished = isFinished(status);
  const policy = runPolicy.cleanPodPolicy;
  if (finished && policy === 'None') return [];
  if (finished && policy === 'Running') return pods.filter((p) => p.status?.phase === 'Running' || p.status?.phase === 'Pending');
  return [...pods];
}

export type TtlVerdict = { action: 'none' } | { action: 'delete' } | { action: 'wait'; ms: number } | { action: 'error'; message: string };

/**
 * `CleanupJob`: nothing without ttlSecondsAfterFinished or while suspended; delete the job once the clock is past
 * completionTime + ttl (Go's strict time.After), else come back when it will be.
 */
export function ttlVerdict(runPolicy: RunPolicy, status: JobStatus, nowMs: number): TtlVerdict {
  const ttl = runPolicy.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || runPolicy.suspend === true) return { action: 'none' };
  if (!status.completionTime) return { action: 'error', message: 'job completion time is nil, cannot cleanup' };
  const expire = Date.parse(status.completionTime) + ttl * 1000;
  return nowMs > expire ? { action: 'delete' } : { action: 'wait', ms: expire - nowMs };
}
