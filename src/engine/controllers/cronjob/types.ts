// Typed views of batch/v1 CronJob and Job: only the fields the CronJob controller reads and writes, with the
// API's names and JSON shapes. Everything else passes through untouched.
import type { Condition, PodTemplateSpec } from '../../api/kinds.ts';
import type { JsonObject, KubeObject } from '../../api/objects.ts';

/** core/v1 ObjectReference, as status.active lists Jobs (field order of the Go struct). */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion: string;
}

export interface JobSpec extends JsonObject {
  template: PodTemplateSpec;
  suspend?: boolean;
}

export interface JobStatus extends JsonObject {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
}

export type Job = KubeObject<JobSpec, JobStatus>;

export interface JobTemplateSpec {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec: JobSpec;
}

export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';

export interface CronJobSpec extends JsonObject {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: ConcurrencyPolicy;
  suspend?: boolean;
  jobTemplate: JobTemplateSpec;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus extends JsonObject {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export type CronJob = KubeObject<CronJobSpec, CronJobStatus>;

/** The source component of the controller's events. */
export const CRONJOB_CONTROLLER = 'cronjob-controller';

/** batch/v1 CronJobScheduledTimestampAnnotation (§5.9). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
