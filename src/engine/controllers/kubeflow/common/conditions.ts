// Job conditions and their bookkeeping (release-1.9 pkg/util/status.go; reference §4.1, §4.2): reasons are
// `<Kind><Reason>`; Failed is terminal; the same type, status and reason is a no-op; otherwise the old entry is
// removed and the new one appended, keeping lastTransitionTime when the status did not change; Running and
// Restarting exclude each other; adding Succeeded or Failed turns a Running entry to False.
import { rfc3339 } from '../../../clock/time-format.ts';
import type { ConditionType, JobCondition, JobStatus } from './types.ts';

export const REASON = {
  created: 'Created',
  succeeded: 'Succeeded',
  running: 'Running',
  failed: 'Failed',
  restarting: 'Restarting',
  suspended: 'Suspended',
  resumed: 'Resumed',
} as const;

/** `NewReason`: e.g. TFJob + Running → TFJobRunning. */
export function newReason(kind: string, reason: string): string {
  return `${kind}${reason}`;
}

export function hasTrueCondition(status: JobStatus, type: ConditionType): boolean {
  return status.conditions.some((c) => c.type === type && c.status === 'True');
}

export const isSucceeded = (s: JobStatus) => hasTrueCondition(s, 'Succeeded');
export const isFailed = (s: JobStatus) => hasTrueCondition(s, 'Failed');
export const isFinished = (s: JobStatus) => isSucceeded(s) || isFailed(s);
export const isRunning = (s: JobStatus) => hasTrueCondition(s, 'Running');
export const isSuspended = (s: JobStatus) => hasTrueCondition(s, 'Suspended');

/** `UpdateJobConditions`: a new condition stamped `nowMs`, through setCondition. */
export function updateJobConditions(status: JobStatus, type: ConditionType, conditionStatus: 'True' | 'False', reason: string, message: string, nowMs: number): void {
  const now = rfc3339(nowMs);
  setCondition(status, { type, status: conditionStatus, reason, message, lastUpdateTime: now, lastTransitionTime: now });
}

function setCondition(status: JobStatus, condition: JobCondition): void {
  if (isFailed(status)) return;
  const current = status.conditions.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...filterOutCondition(status.conditions, condition.type), condition];
}

function filterOutCondition(conditions: JobCondition[], type: ConditionType): JobCondition[] {
  const out: JobCondition[] = [];
  for (const c of conditions) {
    if (type === 'Restarting' && c.type === 'Running') continue;
    if (type === 'Running' && c.type === 'Restarting') continue;
    if (c.type === type) continue;
    if ((type === 'Failed' || type === 'Succeeded') && c.type === 'Running') out.push({ ...c, status: 'False' });
    else out.push(c);
  }
  return out;
}
