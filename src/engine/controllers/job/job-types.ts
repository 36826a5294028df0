// batch/v1 Job as the Job controller reads and writes it (k8s.io/api/batch/v1 types.go), with the constants of
// the controller (pkg/controller/job) that decide its timings and limits. Reference §4.
import type { LabelSelector, PodTemplateSpec } from '../../api/kinds.ts';
import type { JsonObject, KubeObject } from '../../api/objects.ts';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyOnExitCodes {
  containerName?: string;
  operator: 'In' | 'NotIn';
  values: number[];
}

export interface PodFailurePolicyOnPodConditionsPattern {
  type: string;
  status?: 'True' | 'False' | 'Unknown';
}

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: PodFailurePolicyOnExitCodes;
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

export interface PodFailurePolicy {
  rules: PodFailurePolicyRule[];
}

export interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

export interface JobSpec extends JsonObject {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: PodFailurePolicy;
  successPolicy?: { rules: SuccessPolicyRule[] };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
  managedBy?: string;
}

export type JobConditionType = 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet' | 'Complete' | 'Failed';

/** JobCondition: lastProbeTime and lastTransitionTime are both written by newCondition. */
export interface JobCondition {
  type: JobConditionType | string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface UncountedTerminatedPods {
  succeeded?: string[];
  failed?: string[];
}

/** JobStatus (no observedGeneration: batch/v1 has none). */
export interface JobStatus extends JsonObject {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: UncountedTerminatedPods;
  ready?: number;
}

export type Job = KubeObject<JobSpec, JobStatus>;

/** The event source of the controller's events (§0.3). */
export const JOB_CONTROLLER = 'job-controller';
/** spec.managedBy value meaning "this controller" (JobManagedBy, GA in 1.35). */
export const JOB_CONTROLLER_MANAGED_BY = 'kubernetes.io/job-controller';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** syncJobBatchPeriod: pod events and status updates sync the Job this long after (§4.4). */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;
/** DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff (§4.6: 10 s × 2^(n−1), capped at 10 min). */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** DefaultJobApiBackOff / MaxJobApiBackOff: a sync that failed is retried 1 s, 2 s, 4 s … 1 min later. */
export const DEFAULT_API_BACKOFF_MS = 1_000;
export const MAX_API_BACKOFF_MS = 60_000;
/** MaxUncountedPods: finished pods one sync moves through status.uncountedTerminatedPods (§4.5). */
export const MAX_UNCOUNTED_PODS = 500;
/** MaxPodCreateDeletePerSync (§4.4). */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec?.backoffLimitPerIndex !== undefined && job.spec.backoffLimitPerIndex !== null;
}

export function isSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

/**
 * onlyReplaceFailedPods: podReplacementPolicy Failed (the default with a podFailurePolicy), or any
 * podFailurePolicy: a terminating pod is then neither failed nor replaced until it reaches phase Failed.
 */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/** spec.completions, or null for a "work queue" Job without it. */
export function completionsOf(job: Job): number | null {
  const c = job.spec?.completions;
  return c === undefined || c === null ? null : c;
}
