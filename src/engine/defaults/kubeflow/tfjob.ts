// `SetDefaults_TFJob` (release-1.9 pkg/apis/kubeflow.org/v1/tensorflow_defaults.go).

import { isObject, TFJOB, type JsonObject } from '../../validate/kubeflow/kinds.ts';
import { defaultReplicaSpec, normalizeReplicaTypeNames } from './replicas.ts';
import { defaultRunPolicy } from './runPolicy.ts';

/** Defaults a TFJob's `spec` in place. */
export function defaultTFJobSpec(spec: JsonObject): void {
  defaultRunPolicy(spec);
  // SuccessPolicyDefault is the empty string: "Chief, or Worker 0 without a Chief, decides".
  if (spec.successPolicy === undefined || spec.successPolicy === null) spec.successPolicy = '';
  if (!isObject(spec.tfReplicaSpecs)) return;
  const specs = normalizeReplicaTypeNames(spec.tfReplicaSpecs, TFJOB);
  spec.tfReplicaSpecs = specs;
  for (const replica of Object.values(specs)) {
    if (isObject(replica)) defaultReplicaSpec(replica, TFJOB);
  }
}
