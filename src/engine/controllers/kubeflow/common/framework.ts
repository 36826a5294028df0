// What the common job controller needs from a framework (TFJob, PyTorchJob), as the Training Operator's
// `ControllerInterface` does (release-1.9 pkg/controller.v1/common/interface.go): names, the framework container
// and port, the per-pod cluster spec (TF_CONFIG, PyTorch env and init container), the master role and the
// kind's own UpdateJobStatus. And what one reconcile pass is given to act with.
import type { ApiServer } from '../../../api/api-server.ts';
import type { EventRecorder } from '../../../api/events.ts';
import type { Pod, PodTemplateSpec } from '../../../api/kinds.ts';
import type { KubeflowKind } from '../../../validate/kubeflow/kinds.ts';
import type { TrainingExpectations } from './expectations.ts';
import type { ObjectControl } from './object-control.ts';
import type { DefaultedJob, JobStatus } from './types.ts';

/** What a kind's UpdateJobStatus may read and do. */
export interface StatusContext {
  nowMs: number;
  /** The job's pods as this pass listed them (TFJob reads worker 0 from them). */
  pods: readonly Pod[];
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface TrainingFramework {
  readonly kind: KubeflowKind;
  /** `controllerName`: the operator-name label value and the events' source component. */
  readonly controllerName: string;
  /** Event reasons of the TTL deletion (TFJob SuccessfulDeleteJob; PyTorchJob reuses the pod reasons). */
  readonly deleteJobReasons: { readonly succeeded: string; readonly failed: string };
  /** `SetClusterSpec`: changes the pod template of replica `rt` (lowercased type) `index`; returns an error text. */
  setClusterSpec(job: DefaultedJob, template: PodTemplateSpec, rt: string, index: number): string | undefined;
  /** `IsMasterRole`: the pod that gets `training.kubeflow.org/job-role: master`. */
  isMasterRole(job: DefaultedJob, type: string, index: number): boolean;
  /** The kind's `UpdateJobStatus`: conditions from the counted replica statuses. */
  updateJobStatus(job: DefaultedJob, status: JobStatus, ctx: StatusContext): void;
}

/** What a reconcile pass acts with. */
export interface ReconcileDeps {
  api: ApiServer;
  events: EventRecorder;
  control: ObjectControl;
  expectations: TrainingExpectations;
  now(): number;
  /** The gang scheduler this job is run with (`--gang-scheduler-name`), or null without gang scheduling. */
  gangSchedulerName: string | null;
}
