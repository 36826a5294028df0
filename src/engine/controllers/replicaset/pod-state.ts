// How the workload controllers read a pod: active, terminating, ready, available (pkg/api/v1/pod and
// pkg/controller/controller_utils.go). Reference §0.5 and §2.3.
import type { Condition, Pod } from '../../api/kinds.ts';
import { parseRfc3339 } from '../../clock/time-format.ts';

/** IsPodActive (§0.5): not Succeeded, not Failed, no deletionTimestamp. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

/** IsPodTerminating (§2.3 terminatingReplicas): being deleted and not yet in a terminal phase. */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

export function podReadyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

const parsedTimes = new Map<string, number | undefined>();

/**
 * A metav1.Time as ms since the epoch; undefined for the zero time (absent or unparsable). Memoized:
 * timestamps have second precision, so a simulation sees few distinct ones and parses each once.
 */
export function timeMs(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  if (parsedTimes.has(value)) return parsedTimes.get(value);
  if (parsedTimes.size > 50_000) parsedTimes.clear();
  const ms = parseRfc3339(value) ?? undefined;
  parsedTimes.set(value, ms);
  return ms;
}

/**
 * IsPodAvailable: ready, and ready for at least minReadySeconds. The Ready condition's
 * lastTransitionTime has second precision, as it does in the real API. Since #132121/#132122 (1.34) the
 * controller re-checks exactly when a pod reaches minReadySeconds, so "reached" (≥) counts as available.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = podReadyCondition(pod);
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = timeMs(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** GetDeletionCostFromPodAnnotations (§2.2 rule 4): an int32 without '+' or leading zeros; anything else counts as 0. */
export function podDeletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (value === undefined || value === '') return 0;
  const first = value[0];
  const validFirstDigit = first === '-' || value === '0' || (first >= '1' && first <= '9');
  if (!validFirstDigit || !/^-?[0-9]+$/.test(value)) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) return 0;
  return n;
}
