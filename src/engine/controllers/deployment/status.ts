// Deployment status (§3.9): calculateStatus of sync.go and the DeploymentComplete / DeploymentProgressing /
// DeploymentTimedOut tests of deployment_util.go. Counts are serialized as apps/v1 does: zero counts are
// omitted, terminatingReplicas (a pointer) is written whenever it is known, including 0.
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../../api/kinds.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import {
  AVAILABLE, MINIMUM_REPLICAS_AVAILABLE, MINIMUM_REPLICAS_UNAVAILABLE, NEW_REPLICASET_AVAILABLE, PROGRESS_DEADLINE_EXCEEDED, PROGRESSING,
  getCondition, newCondition, setCondition,
} from './conditions.ts';
import { desiredReplicas, maxUnavailable } from './fenceposts.ts';
import { sumAvailableReplicas, sumReadyReplicas, sumSpecReplicas, sumStatusReplicas, sumTerminatingReplicas } from './replica-sets.ts';

/** progressDeadlineSeconds as set (the API default 600 when the stored object lacks it); MaxInt32 means none. */
export function progressDeadlineSeconds(d: Deployment): number | undefined {
  const v = d.spec?.progressDeadlineSeconds ?? 600;
  return v === 2147483647 ? undefined : v;
}

export function hasProgressDeadline(d: Deployment): boolean {
  return progressDeadlineSeconds(d) !== undefined;
}

export interface StatusCounts {
  observedGeneration?: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  terminatingReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

/** The status as stored: zero counts left out, fields in apps/v1 order. */
export function serializeDeploymentStatus(s: StatusCounts): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.terminatingReplicas !== undefined) out.terminatingReplicas = s.terminatingReplicas;
  if (s.conditions && s.conditions.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

/** calculateStatus: counts from the ReplicaSets, existing conditions kept, Available (re)evaluated. */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = sumAvailableReplicas(allRSs);
  const status: DeploymentStatus = serializeDeploymentStatus({
    observedGeneration: d.metadata.generation,
    replicas: sumStatusReplicas(allRSs),
    updatedReplicas: sumStatusReplicas([newRS]),
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
    terminatingReplicas: sumTerminatingReplicas(allRSs),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
    collisionCount: d.status?.collisionCount,
  });
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, and the generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const replicas = desiredReplicas(d);
  return (
    (s?.updatedReplicas ?? 0) === replicas &&
    (s?.replicas ?? 0) === replicas &&
    (s?.availableReplicas ?? 0) === replicas &&
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition's lastUpdateTime. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) return false;
  const cond = getCondition(s, PROGRESSING);
  if (!cond) return false;
  if (cond.reason === NEW_REPLICASET_AVAILABLE) return false;
  if (cond.reason === PROGRESS_DEADLINE_EXCEEDED) return true;
  const from = timeMs(cond.lastUpdateTime) ?? 0;
  return from + deadline * 1000 < nowMs;
}
