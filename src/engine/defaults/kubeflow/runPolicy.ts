// The one runPolicy default in the operator's code: `cleanPodPolicy: None` (changed from Running in
// kubeflow/training-operator#1754; older docs still say Running). `runPolicy` is a struct, not a pointer, in
// Go, so it exists after defaulting even when the manifest has none.
// `runPolicy.suspend: false` is not the operator's: it is a CRD schema default the API server applies (and
// stores) only when `runPolicy` is present; the controller reads a missing `suspend` as false.

import { isObject, type JsonObject } from '../../validate/kubeflow/kinds.ts';

export function defaultRunPolicy(spec: JsonObject): void {
  const runPolicy = isObject(spec.runPolicy) ? spec.runPolicy : {};
  if (runPolicy.cleanPodPolicy === undefined || runPolicy.cleanPodPolicy === null) runPolicy.cleanPodPolicy = 'None';
  spec.runPolicy = runPolicy;
}
