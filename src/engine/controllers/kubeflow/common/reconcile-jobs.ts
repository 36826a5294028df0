// One pass of `ReconcileJobs` (release-1.9 pkg/controller.v1/common/job.go; reference §0):
//  1. a finished job: clean up per cleanPodPolicy (and the PodGroup), TTL; if it succeeded, active → succeeded;
//  2. suspended: delete every pod and Service, Running → False, Suspended → True, event;
//  3. resuming: Suspended → False, a new startTime, event;
//  4. backoffLimit, then activeDeadlineSeconds: delete every pod and Service (release-1.9.0–1.9.3 order),
//     Failed;
//  5. with gang scheduling, sync the PodGroup;
//  6. per replica type (document order): ReconcilePods, then ReconcileServices;
//  7. the kind's UpdateJobStatus; the status is written when it changed.
import type { Pod } from '../../../api/kinds.ts';
import { controllerOf, type KubeObject } from '../../../api/objects.ts';
import { rfc3339 } from '../../../clock/time-format.ts';
import { recordAbnormalPods } from './abnormal-pods.ts';
import { isFinished, isRunning, isSucceeded, isSuspended, newReason, REASON, updateJobConditions } from './conditions.ts';
import type { ReconcileDeps, TrainingFramework } from './framework.ts';
import { deletePodGroup, syncPodGroup } from './pod-group-sync.ts';
import { reconcilePods, reconcileServices } from './reconcile-replicas.ts';
import { jobLabels } from './replica-pod.ts';
import { isPodActive } from './replica-pods.ts';
import { pastActiveDeadline, pastBackoffLimit, podsToCleanUp, ttlVerdict } from './run-policy.ts';
import { cloneStatus, writeStatus } from './status-codec.ts';
import type { DefaultedJob, JobStatus } from './types.ts';

export interface PassResult {
  /** Set when the pass stopped on an error; the controller retries with back-off. */
  error?: string;
  /** The status at the end of the pass (what the TTL requeue is computed from). */
  status: JobStatus;
  /** The job was deleted by its TTL. */
  deleted?: boolean;
}

/** The job's pods or Services: selected by the job's labels and controlled by it. */
function owned<T extends KubeObject>(deps: ReconcileDeps, kind: string, fw: TrainingFramework, job: KubeObject): T[] {
  const selector = { matchLabels: jobLabels(fw.controllerName, job.metadata.name) };
  return deps.api.list<T>(kind, { namespace: job.metadata.namespace, selector }).filter((o) => controllerOf(o)?.uid === job.metadata.uid);
}

export function reconcileJobs(deps: ReconcileDeps, fw: TrainingFramework, d: DefaultedJob, key: string, initial: JobStatus): PassResult {
  const job = d.job;
  const name = job.metadata.name;
  const kind = fw.kind.kind;
  const now = deps.now();
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) => deps.events.record(job, type, reason, message, fw.controllerName);
  deps.expectations.reset(key, d.replicas.map(([t]) => t));
  const pods = owned<Pod>(deps, 'Pod', fw, job);
  const status = cloneStatus(initial);
  const before = JSON.stringify(writeStatus(status));
  const write = (always = false): PassResult => {
    const next = writeStatus(status);
    if (!always && JSON.stringify(next) === before) return { status };
    const r = deps.api.updateStatus({ ...job, status: next });
    return r.ok ? { status } : { status, error: r.error.message };
  };

  /** `CleanUpResources`: pods and Services per policy, the PodGroup, then the TTL. */
  const cleanUp = (): PassResult | undefined => {
    const err = deletePodsAndServices(deps, job, podsToCleanUp(d.runPolicy, status, pods));
    if (err) return { status, error: err };
    if (deps.gangSchedulerName !== null) {
      const pgErr = deletePodGroupWithEvents(deps, job, event);
      if (pgErr) return { status, error: pgErr };
    }
    return cleanupJob(deps, fw, d, status, event);
  };

  if (isFinished(status)) {
    const stop = cleanUp();
    if (stop) return stop;
    if (isSucceeded(status)) {
      for (const r of status.replicaStatuses.values()) {
        r.succeeded += r.active;
        r.active = 0;
      }
    }
    return write();
  }

  if (d.runPolicy.suspend === true) {
    const stop = cleanUp();
    if (stop) return stop;
    for (const r of status.replicaStatuses.values()) r.active = 0;
    const msg = `${kind} ${name} is suspended.`;
    const reason = newReason(kind, REASON.suspended);
    if (isRunning(status)) updateJobConditions(status, 'Running', 'False', reason, msg, now);
    if (!isSuspended(status)) updateJobConditions(status, 'Suspended', 'True', reason, msg, now);
    event('Normal', reason, msg);
    return write();
  }

  if (isSuspended(status)) {
    const msg = `${kind} ${name} is resumed.`;
    updateJobConditions(status, 'Suspended', 'False', newReason(kind, REASON.resumed), msg, now);
    status.startTime = rfc3339(now);
    event('Normal', newReason(kind, REASON.resumed), msg);
  }

  const active = pods.filter(isPodActive);
  recordAbnormalPods(active, (reason, message) => event('Warning', reason, message));
  const failureMessage = limitExceeded(d, status, pods, active.length, now);
  if (failureMessage) {
    status.completionTime ??= rfc3339(now);
    const err = deletePodsAndServices(deps, job, podsToCleanUp(d.runPolicy, status, pods));
    if (err) return { status, error: err };
    const ttl = cleanupJob(deps, fw, d, status, event);
    if (ttl) return ttl;
    if (deps.gangSchedulerName !== null) {
      const pgErr = deletePodGroupWithEvents(deps, job, event);
      if (pgErr) return { status, error: pgErr };
    }
    event('Normal', newReason(kind, REASON.failed), failureMessage);
    updateJobConditions(status, 'Failed', 'True', newReason(kind, REASON.failed), failureMessage, now);
    return write(true);
  }

  if (deps.gangSchedulerName !== null) {
    const err = syncPodGroup(deps.api, d);
    if (err) {
      status.lastReconcileTime = rfc3339(now);
      return write(true);
    }
  }

  const services = owned<KubeObject>(deps, 'Service', fw, job);
  for (const [type, spec] of d.replicas) {
    const podErr = reconcilePods(deps, fw, d, key, status, pods, type, spec);
    if (podErr) return { status, error: podErr };
    const svcErr = reconcileServices(deps, fw, d, key, services, type, spec);
    if (svcErr) return { status, error: svcErr };
  }

  fw.updateJobStatus(d, status, { nowMs: now, pods, event });
  return write();
}

/**
 * The failure message when backoffLimit (§4.6) or activeDeadlineSeconds (§4.7) is exceeded. (b) of §4.6 reads
 * the work queue's retry count, which is always 0 (the controllers use a no-op queue), so it fires only with a
 * limit of 0.
 */
function limitExceeded(d: DefaultedJob, status: JobStatus, pods: readonly Pod[], active: number, nowMs: number): string | undefined {
  const name = d.job.metadata.name;
  const limit = d.runPolicy.backoffLimit;
  if (limit !== undefined && limit !== null) {
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const total = d.replicas.reduce((n, [, s]) => n + s.replicas, 0);
    const previouslyFailed = [...status.replicaStatuses.values()].reduce((n, r) => n + r.failed, 0);
    const previousRetry = 0;
    const exceeds = failed > previouslyFailed && active !== total && previousRetry + 1 > limit;
    if (exceeds || pastBackoffLimit(d, pods)) return `Job ${name} has failed because it has reached the specified backoff limit`;
  }
  if (pastActiveDeadline(d.runPolicy, status, nowMs)) return `Job ${name} has failed because it was active longer than specified deadline`;
  return undefined;
}

/** `DeletePodsAndServices`: each pod, then the Service of the same name. */
function deletePodsAndServices(deps: ReconcileDeps, job: KubeObject, pods: readonly Pod[]): string | undefined {
  for (const pod of pods) {
    const ns = pod.metadata.namespace ?? 'default';
    const err = deps.control.deletePod(job, ns, pod.metadata.name) ?? deps.control.deleteService(job, ns, pod.metadata.name);
    if (err) return err;
  }
  return undefined;
}

type EventFn = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

function deletePodGroupWithEvents(deps: ReconcileDeps, job: KubeObject, event: EventFn): string | undefined {
  event('Normal', 'JobTerminated', 'Job has been terminated. Deleting PodGroup');
  const err = deletePodGroup(deps.api, job.metadata.namespace, job.metadata.name);
  if (err) {
    event('Warning', 'FailedDeletePodGroup', `Error deleting: ${err}`);
    return err;
  }
  event('Normal', 'SuccessfulDeletePodGroup', `Deleted PodGroup: ${job.metadata.name}`);
  return undefined;
}

/**
 * `CleanupJob` (TTL): deletes the job once past completionTime + ttlSecondsAfterFinished. Its own requeue goes
 * to the no-op queue; the controller requeues from the pass's final status instead (`DurationUntilExpireTime`).
 */
function cleanupJob(deps: ReconcileDeps, fw: TrainingFramework, d: DefaultedJob, status: JobStatus, event: EventFn): PassResult | undefined {
  const verdict = ttlVerdict(d.runPolicy, status, deps.now());
  if (verdict.action === 'error') return { status, error: verdict.message };
  if (verdict.action !== 'delete') return undefined;
  const job = d.job;
  const r = deps.api.delete(job.kind, job.metadata.namespace, job.metadata.name);
  if (!r.ok) {
    event('Warning', fw.deleteJobReasons.failed, `Error deleting: ${r.error.message}`);
    return { status, error: r.error.message };
  }
  event('Normal', fw.deleteJobReasons.succeeded, `Deleted job: ${job.metadata.name}`);
  return { status, deleted: true };
}
