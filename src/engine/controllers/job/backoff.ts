// The pod failure back-off of the Job controller (backoff_utils.go, reference §4.6): replacements of failed pods
// wait 10 s × 2^(n−1) (capped at 10 min) after the last failure, n being the failures since the last success.
// The controller keeps, per Job, how many failures followed the last success and when the last one finished;
// each sync derives a new record from the pods that finished since, and stores it when it writes the status.
import type { Pod } from '../../api/kinds.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS } from './job-types.ts';

export interface BackoffRecord {
  readonly key: string;
  readonly failuresAfterLastSuccess: number;
  /** ms; null before any failure (or after a success). */
  readonly lastFailureTime: number | null;
}

/**
 * getFinishedTime: the latest finishedAt when every regular container has terminated, else the time the pod
 * became not ready, else deletionTimestamp − grace period, else its creation.
 */
export function finishedTime(pod: Pod): number {
  const fromContainers = finishTimeFromContainers(pod);
  if (fromContainers !== undefined) return fromContainers;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const notReadySince = ready?.status === 'False' ? timeMs(ready.lastTransitionTime) : undefined;
  if (notReadySince !== undefined) return notReadySince;
  const deletion = timeMs(pod.metadata.deletionTimestamp);
  if (deletion !== undefined) return deletion - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return timeMs(pod.metadata.creationTimestamp) ?? 0;
}

function finishTimeFromContainers(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    const at = s.state?.terminated ? timeMs(s.state.terminated.finishedAt) : undefined;
    if (at === undefined) return undefined;
    if (latest === undefined || latest < at) latest = at;
  }
  return latest;
}

/** getRemainingTimeForFailuresCount: ms until a replacement may be created (0: now). */
export function remainingBackoffMs(nowMs: number, failures: number, lastFailureTime: number | null): number {
  if (failures <= 0 || lastFailureTime === null) return 0;
  let backoff = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = nowMs - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

export class BackoffStore {
  #records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the stored record advanced by the pods that finished since the last sync. */
  newRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.#records.get(key);
    const base: BackoffRecord = old ?? { key, failuresAfterLastSuccess: 0, lastFailureTime: null };
    const failedTimes = newFailed.map(finishedTime).sort((a, b) => a - b);
    if (newSucceeded.length === 0) {
      if (failedTimes.length === 0) return base;
      return { key, failuresAfterLastSuccess: base.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: failedTimes[failedTimes.length - 1]! };
    }
    // A success resets the count: only failures that finished after the last success count.
    const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
    let failures = 0;
    let lastFailureTime: number | null = null;
    for (let i = failedTimes.length - 1; i >= 0 && failedTimes[i]! > lastSuccess; i--) {
      if (lastFailureTime === null) lastFailureTime = failedTimes[i]!;
      failures++;
    }
    return { key, failuresAfterLastSuccess: failures, lastFailureTime };
  }

  update(record: BackoffRecord): void {
    this.#records.set(record.key, record);
  }

  remove(key: string): void {
    this.#records.delete(key);
  }
}
