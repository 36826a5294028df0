// The control loops of a simulated cluster, in the order they start. Each is independent: it finds what it
// needs through the API and its own watches.
import type { Controller } from '../controllers/runtime.ts';
import { CronJobController } from '../controllers/cronjob/cronjob-controller.ts';
import { DeploymentController } from '../controllers/deployment/deployment-controller.ts';
import { GarbageCollector } from '../controllers/garbage-collector/garbage-collector.ts';
import { JobController } from '../controllers/job/job-controller.ts';
import { PyTorchJobController } from '../controllers/kubeflow/pytorchjob/pytorchjob-controller.ts';
import { TFJobController } from '../controllers/kubeflow/tfjob/tfjob-controller.ts';
import { ReplicaSetController } from '../controllers/replicaset/replicaset-controller.ts';
import { TtlAfterFinishedController } from '../controllers/ttl-after-finished/ttl-after-finished-controller.ts';
import { nodeControllers, scopedAttempts, workloadAttemptScope } from '../node/index.ts';

export function defaultControllers(): Controller[] {
  return [
    new DeploymentController(),
    new ReplicaSetController(),
    new JobController(),
    new CronJobController(),
    new TFJobController(),
    new PyTorchJobController(),
    new TtlAfterFinishedController(),
    new GarbageCollector(),
    // fail-attempts counts per completion index / across a non-indexed Job / per replica index (notes/cli.md).
    ...nodeControllers({ attempts: scopedAttempts(workloadAttemptScope) }),
  ];
}
