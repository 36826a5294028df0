// kubectl commands that exist in 1.35 but that the lab does not simulate, each with what to do instead, so a
// learner who types one learns why and where to go rather than meeting a generic error.
const ADVICE: Record<string, string> = {
  exec: 'the lab simulates containers without processes to run commands in. See what a container printed with "kubectl logs POD", its state with "kubectl describe pod POD"',
  attach: 'the lab simulates containers without terminals to attach to. Follow a container\'s output with "kubectl logs -f POD"',
  'port-forward': 'the lab has no network. Check that a pod is Ready with "kubectl get pods" or "kubectl describe pod POD"',
  proxy: 'the lab has no network or API endpoint to proxy. Use kubectl get and describe to read the cluster',
  cp: 'the lab\'s containers have no filesystems to copy from. Read their output with "kubectl logs POD"',
  edit: 'there is no text editor in the terminal. Change the manifest in the editor and run "kubectl apply -f FILE", or use "kubectl set image", "kubectl scale", "kubectl label", "kubectl annotate"',
  patch: 'change the manifest in the editor and run "kubectl apply -f FILE", or use "kubectl set image", "kubectl scale", "kubectl label", "kubectl annotate"',
  top: 'the lab runs no metrics server. "kubectl describe node NODE" shows what the pods on a node request',
  auth: 'the lab has a single user who may do everything',
  debug: 'the lab simulates containers without processes or filesystems to debug. Use "kubectl describe pod POD", "kubectl logs POD" and "kubectl events"',
  diff: 'compare "kubectl get KIND NAME -o yaml" with your manifest, or apply with --dry-run=server',
  wait: 'watch the object instead: "kubectl rollout status deployment/NAME", or "kubectl get jobs -w"',
  kustomize: 'list the manifests with "kubectl apply -f FILE"',
  autoscale: 'the lab runs no metrics and no HorizontalPodAutoscaler; scale by hand with "kubectl scale"',
  expose: 'the lab has no Services or networking',
  taint: 'the lab\'s nodes keep the taints they were defined with; "kubectl cordon NODE" stops new pods from being scheduled on a node',
  certificate: 'the lab has no certificates',
  'cluster-info': 'the lab\'s control plane is simulated in the page; "kubectl get nodes" lists its nodes',
  config: 'the lab has one cluster and no kubeconfig',
  plugin: 'the lab has no kubectl plugins',
  completion: 'the lab\'s terminal completes with Tab by itself',
  'api-versions': 'the lab serves core/v1, apps/v1, batch/v1 and kubeflow.org/v1; "kubectl api-resources" lists their resources',
  options: 'the lab\'s kubectl takes -n/--namespace before or after the command; other global flags have no effect here',
  alpha: 'the lab has no alpha commands',
};

/** The answer for a kubectl command the lab does not simulate, or undefined when the command is not one of them. */
export function unsimulatedCommand(verb: string): string | undefined {
  const advice = ADVICE[verb];
  return advice === undefined ? undefined : `error: "kubectl ${verb}" is not simulated: ${advice}.\n`;
}

/** Global flags about clusters and credentials: the lab has one cluster and no kubeconfig. */
export const CLUSTER_FLAGS = ['context', 'cluster', 'kubeconfig', 'user', 'server', 's', 'token', 'as', 'as-group', 'as-uid', 'username', 'password'];
