// Deployment conditions (§3.9, §3.10): reasons and the set/remove rules of deployment_util.go. A condition
// is replaced only when its status or reason changes; lastTransitionTime is kept when the status does not.
import type { Condition, DeploymentStatus } from '../../api/kinds.ts';
import { rfc3339 } from '../../clock/time-format.ts';

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';
export const NEW_REPLICASET_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_REPLICASET = 'FoundNewReplicaSet';
export const REPLICASET_UPDATED = 'ReplicaSetUpdated';
export const NEW_REPLICASET_AVAILABLE = 'NewReplicaSetAvailable';
export const PROGRESS_DEADLINE_EXCEEDED = 'ProgressDeadlineExceeded';
export const REPLICASET_CREATE_ERROR = 'ReplicaSetCreateError';
export const DEPLOYMENT_PAUSED = 'DeploymentPaused';
export const DEPLOYMENT_RESUMED = 'DeploymentResumed';

/** NewDeploymentCondition: both times are now; fields in apps/v1 order. */
export function newCondition(type: string, status: Condition['status'], reason: string, message: string, nowMs: number): Condition {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: mutates `status`; the (re)set condition moves to the end of the list. */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}
