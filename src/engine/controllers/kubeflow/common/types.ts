// The kubeflow.org/v1 shapes the Training Operator's controllers read and write (release-1.9
// pkg/apis/kubeflow.org/v1/common_types.go): replica specs, run policy, job status and conditions, and the label
// and event constants of the common job controller.
import type { PodTemplateSpec, ResourceList } from '../../../api/kinds.ts';
import type { JsonObject, KubeObject } from '../../../api/objects.ts';

export const OPERATOR_NAME_LABEL = 'training.kubeflow.org/operator-name';
export const JOB_NAME_LABEL = 'training.kubeflow.org/job-name';
export const REPLICA_TYPE_LABEL = 'training.kubeflow.org/replica-type';
export const REPLICA_INDEX_LABEL = 'training.kubeflow.org/replica-index';
export const JOB_ROLE_LABEL = 'training.kubeflow.org/job-role';

/** `apiv1.KubeflowJobsController`: the only runPolicy.managedBy value this controller acts on. */
export const KUBEFLOW_JOBS_CONTROLLER = 'kubeflow.org/training-operator';

/** A replica spec after the controller's in-memory defaulting (replicas and restartPolicy are set). */
export interface ReplicaSpec {
  replicas: number;
  restartPolicy: string;
  template: PodTemplateSpec;
}

export interface SchedulingPolicy {
  minAvailable?: number;
  queue?: string;
  minResources?: ResourceList;
  priorityClass?: string;
  scheduleTimeoutSeconds?: number;
}

export interface RunPolicy {
  cleanPodPolicy?: string;
  ttlSecondsAfterFinished?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  schedulingPolicy?: SchedulingPolicy;
  suspend?: boolean;
  managedBy?: string;
}

export type ConditionType = 'Created' | 'Running' | 'Restarting' | 'Succeeded' | 'Failed' | 'Suspended';

export interface JobCondition {
  type: ConditionType;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** ReplicaStatus as the controller counts it (zero counts are left out when written). */
export interface ReplicaStatus {
  active: number;
  succeeded: number;
  failed: number;
  /** PyTorchJob only (the scale subresource's selector). */
  selector?: string;
}

/** JobStatus in the controller's memory during one pass. */
export interface JobStatus {
  conditions: JobCondition[];
  replicaStatuses: Map<string, ReplicaStatus>;
  startTime?: string;
  completionTime?: string;
  lastReconcileTime?: string;
}

/** A TFJob or PyTorchJob as stored (spec as submitted, status as the controller wrote it). */
export type TrainingJob = KubeObject<JsonObject, JsonObject>;

/** What one pass works on: the stored job and its spec defaulted in memory (reference §0). */
export interface DefaultedJob {
  job: TrainingJob;
  /** Replica types in document order (a stable stand-in for Go's random map order). */
  replicas: ReadonlyArray<readonly [string, ReplicaSpec]>;
  runPolicy: RunPolicy;
  /** The defaulted spec, for the framework's own fields (successPolicy, elasticPolicy …). */
  spec: JsonObject;
}

export function replicaSpecOf(job: DefaultedJob, type: string): ReplicaSpec | undefined {
  return job.replicas.find(([t]) => t === type)?.[1];
}

/** `GenGeneralName`: `<job>-<type lowercased>-<index>`, any `/` replaced by `-`. */
export function replicaName(jobName: string, type: string, index: number | string): string {
  return `${jobName}-${type.toLowerCase()}-${index}`.replaceAll('/', '-');
}
