// The TFJob controller (`tfjob-controller` of the Kubeflow Training Operator v1.9; reference §1–§4, §6): the
// common job reconciler with TFJob's pieces — the `tensorflow` container and `tfjob-port`, TF_CONFIG, the master
// role (Chief/Master, or worker 0 without one) and the Chief / worker-0 / AllWorkers success rules.
import { TFJOB } from '../../../validate/kubeflow/kinds.ts';
import type { TrainingFramework } from '../common/framework.ts';
import { TrainingJobController, type TrainingJobControllerOptions } from '../common/training-job-controller.ts';
import { setTFClusterSpec } from './tf-config.ts';
import { containsChiefOrMaster, updateTFJobStatus } from './tfjob-status.ts';

export const TFJOB_CONTROLLER = 'tfjob-controller';

export const TFJOB_FRAMEWORK: TrainingFramework = {
  kind: TFJOB,
  controllerName: TFJOB_CONTROLLER,
  deleteJobReasons: { succeeded: 'SuccessfulDeleteJob', failed: 'FailedDeleteJob' },
  setClusterSpec: setTFClusterSpec,
  isMasterRole(d, type, index) {
    if (containsChiefOrMaster(d)) return type === 'Chief' || type === 'Master';
    return type === 'Worker' && index === 0;
  },
  updateJobStatus: updateTFJobStatus,
};

export class TFJobController extends TrainingJobController {
  constructor(options: TrainingJobControllerOptions = {}) {
    super(TFJOB_FRAMEWORK, options);
  }
}
