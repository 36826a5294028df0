// The PyTorchJob controller (`pytorchjob-controller` of the Kubeflow Training Operator v1.9; reference §5): the
// common job reconciler with PyTorchJob's pieces — the `pytorch` container and `pytorchjob-port`, the torchrun
// environment and the workers' init container, the master role (Master, or worker 0 without one) and the Master
// success rule. elasticPolicy.metrics (an autoscaling/v2 HorizontalPodAutoscaler) is not simulated.
import { PYTORCHJOB } from '../../../validate/kubeflow/kinds.ts';
import type { TrainingFramework } from '../common/framework.ts';
import { TrainingJobController, type TrainingJobControllerOptions } from '../common/training-job-controller.ts';
import { replicaSpecOf } from '../common/types.ts';
import { setPyTorchClusterSpec } from './pytorch-env.ts';
import { updatePyTorchJobStatus } from './pytorchjob-status.ts';

export const PYTORCHJOB_CONTROLLER = 'pytorchjob-controller';

export const PYTORCHJOB_FRAMEWORK: TrainingFramework = {
  kind: PYTORCHJOB,
  controllerName: PYTORCHJOB_CONTROLLER,
  // DeleteJob of PyTorchJob records the pod reasons (control.SuccessfulDeletePodReason).
  deleteJobReasons: { succeeded: 'SuccessfulDeletePod', failed: 'FailedDeletePod' },
  setClusterSpec: setPyTorchClusterSpec,
  isMasterRole(d, type, index) {
    if (replicaSpecOf(d, 'Master')) return type === 'Master';
    return type === 'Worker' && index === 0;
  },
  updateJobStatus: (d, status, ctx) => updatePyTorchJobStatus(PYTORCHJOB_CONTROLLER, d, status, ctx),
};

export class PyTorchJobController extends TrainingJobController {
  constructor(options: TrainingJobControllerOptions = {}) {
    super(PYTORCHJOB_FRAMEWORK, options);
  }
}
