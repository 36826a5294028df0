// The Training Operator's defaults for kubeflow.org/v1 TFJob and PyTorchJob (release-1.9
// `SetDefaults_TFJob`, `SetDefaults_PyTorchJob`, registered through `zz_generated.defaults.go`).
//
// Where they happen in reality: NOT at admission. The operator has no mutating webhook; its controllers call
// `r.Scheme.Default(job)` on their in-memory copy at each reconcile and write back only `status`. So
// `kubectl get -o yaml` shows the spec as submitted (plus CRD schema defaults such as
// `runPolicy.suspend: false` and port `protocol: TCP`, which the API server applies before admission — see
// ./crd-schema-defaults.ts — and which are not applied here). The validating webhook runs before any of this
// (see ../../validate/kubeflow/index.ts).
// Use the result of this function for what the controller acts on: pods, services, env, TF_CONFIG.
//
// Defaults applied: runPolicy.cleanPodPolicy None; replica type keys normalized to their canonical case;
// per replica: replicas 1, restartPolicy (TFJob Never, PyTorchJob OnFailure), the default port appended to
// the framework container (tfjob-port 2222 / pytorchjob-port 23456); TFJob successPolicy ""; PyTorchJob
// elasticPolicy min/max replicas and nprocPerNode "auto".

import { isObject, kubeflowKindOf, PYTORCHJOB, TFJOB, type JsonObject } from '../../validate/kubeflow/kinds.ts';
import { defaultPyTorchJobSpec } from './pytorchjob.ts';
import { defaultTFJobSpec } from './tfjob.ts';

export { DEFAULT_NPROC_PER_NODE } from './pytorchjob.ts';

/** A defaulted deep copy of a kubeflow.org/v1 TFJob or PyTorchJob; other objects come back as plain copies. */
export function applyKubeflowDefaults<T>(obj: T): T {
  const copy = structuredClone(obj);
  if (!isObject(copy)) return copy;
  const job: JsonObject = copy;
  const kind = kubeflowKindOf(job);
  if (!kind) return copy;
  // `spec` is a struct in Go: present after decoding even when the manifest has none.
  const spec = isObject(job.spec) ? job.spec : {};
  job.spec = spec;
  if (kind === TFJOB) defaultTFJobSpec(spec);
  else if (kind === PYTORCHJOB) defaultPyTorchJobSpec(spec);
  return copy;
}
