// The `lab` fault commands of `workload-lab simulate --at` (notes/cli.md): thin wrappers around the kubelets.
// Each returns null on success or the error message to print.
import type { ControllerContext } from '../controllers/runtime.ts';
import { kubeletFor } from './kubelet.ts';

const NO_KUBELET = 'no kubelet is running in this simulation';

/** `lab crash POD [--exit-code N]`: the pod's main container dies with exit code N (default 137, SIGKILL). */
export function crashContainer(ctx: ControllerContext, namespace: string, podName: string, exitCode = 137): string | null {
  const kubelets = kubeletFor(ctx.api);
  if (!kubelets) return NO_KUBELET;
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) return `invalid exit code ${exitCode}: must be between 0 and 255`;
  return kubelets.crash(namespace, podName, exitCode);
}

/**
 * `lab fail-node NODE`: the node's kubelet stops reporting. After the node monitor grace period the node
 * lifecycle controller marks it Unknown (NotReady) and taints it unreachable; after the 300 s default
 * toleration its pods are evicted and stay Terminating until `lab restore-node`.
 */
export function failNode(ctx: ControllerContext, nodeName: string): string | null {
  const kubelets = kubeletFor(ctx.api);
  if (!kubelets) return NO_KUBELET;
  return kubelets.disconnect(nodeName);
}

/** `lab restore-node NODE`: the kubelet reports again (Ready), finishes pending deletions and resyncs its pods. */
export function restoreNode(ctx: ControllerContext, nodeName: string): string | null {
  const kubelets = kubeletFor(ctx.api);
  if (!kubelets) return NO_KUBELET;
  return kubelets.reconnect(nodeName);
}
