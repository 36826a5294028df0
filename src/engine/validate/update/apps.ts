// Updates of apps/v1 Deployments and ReplicaSets: `spec.selector` is immutable (the registry strategies'
// ValidateUpdate adds `ValidateImmutableField(newSelector, oldSelector, spec.selector)` for every group
// version but the retired extensions/v1beta1 and apps/v1beta1/v1beta2). The rest of
// ValidateDeploymentUpdate / ValidateReplicaSetUpdate re-runs the create-time spec validation, which the
// replace path already did. Value shown: the new selector as JSON, `{"matchLabels":{"app":"x"}}`.
import { invalid, type FieldError } from '../field.ts';
import { obj, type Obj } from '../rules/access.ts';
import { labelSelectorJSON } from '../rules/meta.ts';

export const FIELD_IMMUTABLE = 'field is immutable';

/** Semantic equality of two *metav1.LabelSelector values: empty and absent parts are the same. */
export function sameLabelSelector(a: unknown, b: unknown): boolean {
  return labelSelectorJSON(a).rendered === labelSelectorJSON(b).rendered;
}

function selectorUpdate(oldObj: Obj, newObj: Obj): FieldError[] {
  const oldSel = obj(oldObj['spec'])?.['selector'];
  const newSel = obj(newObj['spec'])?.['selector'];
  return sameLabelSelector(oldSel, newSel) ? [] : [invalid(['spec', 'selector'], labelSelectorJSON(newSel), FIELD_IMMUTABLE)];
}

export function validateDeploymentUpdate(oldObj: Obj, newObj: Obj): FieldError[] {
  return selectorUpdate(oldObj, newObj);
}

export function validateReplicaSetUpdate(oldObj: Obj, newObj: Obj): FieldError[] {
  return selectorUpdate(oldObj, newObj);
}
