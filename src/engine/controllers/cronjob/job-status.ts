// How the CronJob controller reads a Job's outcome (pkg/controller/job/util: FinishedCondition,
// IsJobFinished, IsJobSucceeded): a Complete or Failed condition with status True.
import type { Job } from './types.ts';

export type FinishedType = 'Complete' | 'Failed';

/** The first Complete/Failed condition that is True, or null while the Job runs. */
export function finishedCondition(job: Job): FinishedType | null {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return null;
}

export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== null;
}

export function isJobSucceeded(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
}
