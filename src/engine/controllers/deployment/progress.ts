// Rollout status and progress (§3.9, §3.10; progress.go and sync.go): the Progressing condition with its
// reasons, the deadline re-queue, ReplicaFailure copied from the ReplicaSets, and the paused conditions.
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../../api/kinds.ts';
import { deepEqual } from '../../api/objects.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import {
  DEPLOYMENT_PAUSED, DEPLOYMENT_RESUMED, NEW_REPLICASET_AVAILABLE, PROGRESS_DEADLINE_EXCEEDED, PROGRESSING, REPLICASET_UPDATED, REPLICA_FAILURE,
  getCondition, newCondition, removeCondition, setCondition,
} from './conditions.ts';
import {
  calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline, progressDeadlineSeconds,
} from './status.ts';
import { updateDeploymentStatus, type SyncContext } from './sync-context.ts';

/** The subject of Progressing messages: the new ReplicaSet, or the Deployment when there is none. */
function subject(d: Deployment, newRS: ReplicaSet | undefined): string {
  return newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions first, else any old one's. */
function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition[] {
  const convert = (c: Condition): Condition => ({
    type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message,
  });
  const own = (newRS?.status?.conditions ?? []).filter((c) => c.type === REPLICA_FAILURE).map(convert);
  if (own.length) return own;
  const out: Condition[] = [];
  for (const rs of allRSs) for (const c of rs?.status?.conditions ?? []) if (c.type === REPLICA_FAILURE) out.push(convert(c));
  return out;
}

/** syncDeploymentStatus: status without progress estimation (paused or scaling syncs). */
export function syncDeploymentStatus(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(allRSs, newRS, d, ctx.now());
  if (deepEqual(d.status ?? {}, status)) return;
  d.status = status;
  updateDeploymentStatus(ctx, d);
}

/** syncRolloutStatus: status plus the Progressing condition, or a deadline re-queue when nothing changed. */
export function syncRolloutStatus(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = ctx.now();
  const status: DeploymentStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const isCompleteDeployment = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === NEW_REPLICASET_AVAILABLE;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition(PROGRESSING, 'True', NEW_REPLICASET_AVAILABLE, `${subject(d, newRS)} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Same reason, new lastUpdateTime: the condition is replaced, keeping lastTransitionTime while True.
      const cond = newCondition(PROGRESSING, 'True', REPLICASET_UPDATED, `${subject(d, newRS)} is progressing.`, now);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition(PROGRESSING, 'False', PROGRESS_DEADLINE_EXCEEDED, `${subject(d, newRS)} has timed out progressing.`, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(status, failures[0]);
  else removeCondition(status, REPLICA_FAILURE);

  if (deepEqual(d.status ?? {}, status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  updateDeploymentStatus(ctx, d);
}

/**
 * requeueStuckDeployment: with no visible progress, check again when the deadline passes
 * (lastUpdateTime + progressDeadlineSeconds, plus upstream's extra second). Upstream polls with its
 * rate limiter when less than a second is left; the simulation checks right after the deadline instead.
 */
function requeueStuckDeployment(ctx: SyncContext, d: Deployment, status: DeploymentStatus): void {
  const current = getCondition(d.status, PROGRESSING);
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined || !current) return;
  if (deploymentComplete(d, status) || current.reason === PROGRESS_DEADLINE_EXCEEDED) return;
  const after = (timeMs(current.lastUpdateTime) ?? 0) + deadline * 1000 - ctx.now();
  if (after < 1000) ctx.requeueAfter(Math.max(0, after) + 1);
  else ctx.requeueAfter(after + 1000);
}

/** checkPausedConditions (§3.10): Progressing Unknown while paused, DeploymentResumed when resumed. */
export function checkPausedConditions(ctx: SyncContext, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === PROGRESS_DEADLINE_EXCEEDED) return;
  const pausedCondExists = cond?.reason === DEPLOYMENT_PAUSED;
  const paused = d.spec?.paused === true;
  if (paused && !pausedCondExists) {
    d.status ??= {};
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', DEPLOYMENT_PAUSED, 'Deployment is paused', ctx.now()));
  } else if (!paused && pausedCondExists) {
    d.status ??= {};
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', DEPLOYMENT_RESUMED, 'Deployment is resumed', ctx.now()));
  } else {
    return;
  }
  updateDeploymentStatus(ctx, d);
}
