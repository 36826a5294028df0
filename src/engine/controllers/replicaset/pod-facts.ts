// What the ReplicaSet controller needs to know about a pod, read once when the pod changes rather than on
// every sync: whether it counts (active, terminating, ready since when) and its §2.2 deletion-order keys.
import type { Pod } from '../../api/kinds.ts';
import { isPodActive, isPodReady, isPodTerminating, maxContainerRestarts, podDeletionCost, podReadyCondition, timeMs } from './pod-state.ts';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export interface PodFacts {
  pod: Pod;
  active: boolean;
  terminating: boolean;
  ready: boolean;
  /** The Ready condition's lastTransitionTime (ms) when ready; undefined when ready without one. */
  readySince?: number;
  nodeName: string;
  phaseOrdinal: number;
  deletionCost: number;
  restarts: number;
  createdAt?: number;
}

export function podFacts(pod: Pod): PodFacts {
  const ready = isPodReady(pod);
  return {
    pod,
    active: isPodActive(pod),
    terminating: isPodTerminating(pod),
    ready,
    readySince: ready ? timeMs(podReadyCondition(pod)?.lastTransitionTime) : undefined,
    nodeName: pod.spec?.nodeName ?? '',
    phaseOrdinal: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    deletionCost: podDeletionCost(pod),
    restarts: maxContainerRestarts(pod),
    createdAt: timeMs(pod.metadata.creationTimestamp),
  };
}
