// The node side of the simulated cluster: scheduler, kubelets, node lifecycle and taint eviction.
import type { Controller } from '../controllers/runtime.ts';
import { kubelet, type KubeletOptions } from './kubelet.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { scheduler } from './scheduler.ts';
import { taintEvictionController } from './taint-eviction.ts';

export { scheduler } from './scheduler.ts';
export { kubelet, kubeletFor, type KubeletOptions } from './kubelet.ts';
export { nodeLifecycleController } from './node-lifecycle.ts';
export { taintEvictionController } from './taint-eviction.ts';
export { crashContainer, failNode, restoreNode } from './faults.ts';
export { perPodAttempts, scopedAttempts, workloadAttemptScope, type AttemptCounter } from './container-behaviour.ts';

/** All node-side controllers, in the order they should start. */
export function nodeControllers(opts: KubeletOptions = {}): Controller[] {
  return [scheduler(), kubelet(opts), nodeLifecycleController(), taintEvictionController()];
}
