// ReplicaSet status (§2.3): calculateStatus and the ReplicaFailure condition of
// pkg/controller/replicaset/replica_set_utils.go, serialized as apps/v1 does (omitempty on every count
// except `replicas`; `terminatingReplicas` is a pointer, so 0 is written).
import type { Condition, Pod, ReplicaSet, ReplicaSetStatus } from '../../api/kinds.ts';
import { rfc3339 } from '../../clock/time-format.ts';
import type { PodCounts } from './owned-pods.ts';
import { isPodAvailable, isPodReady } from './pod-state.ts';

export interface ManageError {
  reason: 'FailedCreate' | 'FailedDelete';
  message: string;
}

/** The status as the API stores it: zero counts left out, fields in apps/v1 order. */
export function serializeReplicaSetStatus(s: {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.terminatingReplicas !== undefined) out.terminatingReplicas = s.terminatingReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions && s.conditions.length) out.conditions = s.conditions;
  return out;
}

function labelsContain(labels: Record<string, string> | undefined, wanted: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(wanted ?? {})) if (labels?.[k] !== v) return false;
  return true;
}

/** The §2.3 counts over lists of pods (the controller keeps them incrementally, see owned-pods.ts). */
export function countPods(rs: ReplicaSet, active: readonly Pod[], terminating: readonly Pod[], nowMs: number): PodCounts {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels;
  const counts: PodCounts = { replicas: active.length, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, terminatingReplicas: terminating.length };
  for (const pod of active) {
    if (labelsContain(pod.metadata.labels, templateLabels)) counts.fullyLabeledReplicas++;
    if (isPodReady(pod)) {
      counts.readyReplicas++;
      if (isPodAvailable(pod, minReady, nowMs)) counts.availableReplicas++;
    }
  }
  return counts;
}

/**
 * calculateStatus: the counts, and the ReplicaFailure condition — set when a create/delete failed (kept,
 * with its first time, while failures persist) and removed afterwards. observedGeneration is carried over:
 * it is written only together with a status update.
 */
export function replicaSetStatus(rs: ReplicaSet, counts: PodCounts, manageError: ManageError | undefined, nowMs: number): ReplicaSetStatus {
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(nowMs), reason: manageError.reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return serializeReplicaSetStatus({ ...counts, observedGeneration: rs.status?.observedGeneration, conditions });
}

/** calculateStatus over lists of pods. */
export function calculateReplicaSetStatus(
  rs: ReplicaSet,
  active: readonly Pod[],
  terminating: readonly Pod[],
  manageError: ManageError | undefined,
  nowMs: number,
): ReplicaSetStatus {
  return replicaSetStatus(rs, countPods(rs, active, terminating, nowMs), manageError, nowMs);
}
