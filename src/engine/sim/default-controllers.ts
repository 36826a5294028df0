// The control loops of a simulated cluster, in the order they start. Each is independent: it finds what it
// needs through the API and its own watches.
import type { Controller } from '../controllers/runtime.ts';
import { DeploymentController } from '../controllers/deployment/deployment-controller.ts';
import { GarbageCollector } from '../controllers/garbage-collector/garbage-collector.ts';
import { ReplicaSetController } from '../controllers/replicaset/replicaset-controller.ts';
import { nodeControllers } from '../node/index.ts';

export function defaultControllers(): Controller[] {
  return [new DeploymentController(), new ReplicaSetController(), new GarbageCollector(), ...nodeControllers()];
}
