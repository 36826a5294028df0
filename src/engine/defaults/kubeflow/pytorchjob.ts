// `SetDefaults_PyTorchJob` (release-1.9 pkg/apis/kubeflow.org/v1/pytorch_defaults.go).

import { isObject, isSet, PYTORCHJOB, type JsonObject } from '../../validate/kubeflow/kinds.ts';
import { defaultReplicaSpec, normalizeReplicaTypeNames } from './replicas.ts';
import { defaultRunPolicy } from './runPolicy.ts';

/** `torchrun --nproc-per-node` default (`DefaultNprocPerNode`). */
export const DEFAULT_NPROC_PER_NODE = 'auto';

/**
 * `setElasticPolicy`: one bound set → copied to the other; none → both = the Worker count (already defaulted
 * to 1 by then). Upstream dereferences the Worker spec without a check; the webhook guarantees it exists.
 */
function defaultElasticPolicy(spec: JsonObject, elastic: JsonObject): void {
  const hasMin = isSet(elastic.minReplicas);
  const hasMax = isSet(elastic.maxReplicas);
  if (hasMin && hasMax) return;
  if (hasMax) elastic.minReplicas = elastic.maxReplicas;
  else if (hasMin) elastic.maxReplicas = elastic.minReplicas;
  else {
    const specs = spec.pytorchReplicaSpecs;
    const worker = isObject(specs) ? specs.Worker : undefined;
    if (isObject(worker) && isSet(worker.replicas)) {
      elastic.minReplicas = worker.replicas;
      elastic.maxReplicas = worker.replicas;
    }
  }
}

/** Defaults a PyTorchJob's `spec` in place. Order as upstream: runPolicy, type names, replicas, elastic, nproc. */
export function defaultPyTorchJobSpec(spec: JsonObject): void {
  defaultRunPolicy(spec);
  if (isObject(spec.pytorchReplicaSpecs)) {
    const specs = normalizeReplicaTypeNames(spec.pytorchReplicaSpecs, PYTORCHJOB);
    spec.pytorchReplicaSpecs = specs;
    for (const replica of Object.values(specs)) {
      if (isObject(replica)) defaultReplicaSpec(replica, PYTORCHJOB);
    }
  }
  const elastic = isObject(spec.elasticPolicy) ? spec.elasticPolicy : null;
  if (elastic) defaultElasticPolicy(spec, elastic);
  // The deprecated elasticPolicy.nProcPerNode, when set, stands in for spec.nprocPerNode.
  if ((!elastic || !isSet(elastic.nProcPerNode)) && !isSet(spec.nprocPerNode)) {
    spec.nprocPerNode = DEFAULT_NPROC_PER_NODE;
  }
}
