// Job conditions (reference §4.8, §4.11) and the status as the API serializes it.
import { rfc3339 } from '../../clock/time-format.ts';
import type { Job, JobCondition, JobStatus } from './job-types.ts';

/** newCondition: both times are now; an empty reason or message is omitted (omitempty). */
export function newCondition(type: string, status: JobCondition['status'], reason: string, message: string, nowMs: number): JobCondition {
  const t = rfc3339(nowMs);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

export function findCondition(list: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

function isTrue(list: readonly JobCondition[] | undefined, type: string): boolean {
  return findCondition(list, type)?.status === 'True';
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return isTrue(job.status?.conditions, 'Complete') || isTrue(job.status?.conditions, 'Failed');
}

/**
 * ensureJobConditionStatus: replaces a condition of that type whose status, reason or message differ (with new
 * times); adds one only when its status is not False. Returns whether the list changed.
 */
export function ensureConditionStatus(status: JobStatus, type: string, value: JobCondition['status'], reason: string, message: string, nowMs: number): boolean {
  const list = status.conditions ?? [];
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status === value && (c.reason ?? '') === reason && (c.message ?? '') === message) return false;
    status.conditions = list.map((x, j) => (j === i ? newCondition(type, value, reason, message, nowMs) : x));
    return true;
  }
  if (value === 'False') return false;
  status.conditions = [...list, newCondition(type, value, reason, message, nowMs)];
  return true;
}

/**
 * The status in batch/v1 field order with Go's omitempty: zero counts and an empty completedIndexes are left
 * out, while the pointer fields (terminating, ready, failedIndexes, uncountedTerminatedPods) are written when set.
 */
export function serializedStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.terminating !== undefined) out.terminating = s.terminating;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  if (s.failedIndexes !== undefined) out.failedIndexes = s.failedIndexes;
  if (s.uncountedTerminatedPods) {
    const u = s.uncountedTerminatedPods;
    out.uncountedTerminatedPods = { ...(u.succeeded?.length ? { succeeded: [...u.succeeded] } : {}), ...(u.failed?.length ? { failed: [...u.failed] } : {}) };
  }
  if (s.ready !== undefined) out.ready = s.ready;
  return out;
}
