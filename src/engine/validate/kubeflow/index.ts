// Admission for Kubeflow Training Operator v1.9 jobs: the validating webhooks
// validator.tfjob.training-operator.kubeflow.org and validator.pytorchjob.training-operator.kubeflow.org.
//
// Where this sits in a create request (kube-apiserver, then the operator):
//   1. decode; the CRD's structural schema prunes unknown fields and nulls and applies its defaults
//      (e.g. `runPolicy.suspend: false`, container ports `protocol: TCP`);
//   2. mutating admission: the operator registers NO mutating webhook for these kinds
//      (manifests/base/webhook/manifests.yaml holds only a ValidatingWebhookConfiguration);
//   3. schema validation (CRD openAPIV3Schema, CEL); a failure here is a 422 Invalid and the webhook is
//      never called;
//   4. validating admission: this module; a failure is a 403 Forbidden denial (see denial.ts);
//   5. the object is stored as submitted plus the schema defaults.
// The operator's own defaults (`SetDefaults_TFJob`, `SetDefaults_PyTorchJob`; ../../defaults/kubeflow) run
// only later, in the controller's memory. So validation sees undefaulted objects: this is why a PyTorchJob
// Master without `replicas` is denied ("must be 1") and why lower-case replica types reach the webhook.
//
// Callers pass objects that already passed step 3 and carry their final `metadata.name`.

import type { FieldError } from '../field.ts';
import { formatDenialForKubectl, type KubectlSource } from './denial.ts';
import { kubeflowKindOf, PYTORCHJOB, TFJOB } from './kinds.ts';
import { pyTorchJobWarnings, validatePyTorchJob } from './pytorchjob.ts';
import { validateTFJob } from './tfjob.ts';

export type KubeflowObject = { apiVersion: string; kind: string; [k: string]: unknown };

export {
  aggregateMessage, formatDenialForKubectl, formatWarningForKubectl, webhookDenialMessage, webhookDenialStatus,
} from './denial.ts';
export type { DenialStatus, KubectlSource } from './denial.ts';
export { KUBEFLOW_API_VERSION, PYTORCHJOB, TFJOB } from './kinds.ts';
export type { KubeflowKind } from './kinds.ts';
export { NPROC_PER_NODE_DEPRECATED } from './pytorchjob.ts';
export { SUPPORTED_JOB_CONTROLLERS } from './runPolicy.ts';

/** The webhook's errors for a create of a kubeflow.org/v1 TFJob or PyTorchJob; [] for other kinds. */
export function validateKubeflowCreate(obj: KubeflowObject): FieldError[] {
  const kind = kubeflowKindOf(obj);
  if (kind === TFJOB) return validateTFJob(null, obj);
  if (kind === PYTORCHJOB) return validatePyTorchJob(obj);
  return [];
}

/**
 * The webhook's errors for an update. TFJob adds the `managedBy` immutability check; PyTorchJob's webhook
 * compares the new object with itself (upstream bug), so its update rules equal its create rules.
 */
export function validateKubeflowUpdate(oldObj: KubeflowObject, newObj: KubeflowObject): FieldError[] {
  const kind = kubeflowKindOf(newObj);
  if (kind === TFJOB) return validateTFJob(oldObj, newObj);
  if (kind === PYTORCHJOB) return validatePyTorchJob(newObj);
  return [];
}

/** Admission warnings for a create or update (sent with an allowed and with a denied answer alike). */
export function kubeflowAdmissionWarnings(obj: KubeflowObject): string[] {
  return kubeflowKindOf(obj) === PYTORCHJOB ? pyTorchJobWarnings(obj) : [];
}

/** The name of the webhook that validates this kind, or null when none does. */
export function kubeflowWebhookName(obj: { apiVersion: string; kind: string }): string | null {
  return kubeflowKindOf(obj)?.webhookName ?? null;
}

/**
 * The kubectl line for a denial of `obj` with these errors, e.g.
 * `Error from server (Forbidden): error when creating "tfjob.yaml": admission webhook
 * "validator.tfjob.training-operator.kubeflow.org" denied the request: spec.tfReplicaSpecs: Required value: must be required`.
 * "" when there is nothing to deny (no errors, or a kind without a webhook).
 */
export function formatWebhookDenial(
  obj: { apiVersion: string; kind: string },
  errors: readonly FieldError[],
  how: KubectlSource = {},
): string {
  const webhook = kubeflowWebhookName(obj);
  if (!webhook || errors.length === 0) return '';
  return formatDenialForKubectl(webhook, errors, how);
}
