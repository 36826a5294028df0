// Update-time validation: what a 1.35 API server refuses when a stored object is replaced (PUT, or the
// patch behind `kubectl apply`), beyond the create-time checks that the new object passes as well. One file
// per kind family; kinds without update rules give []. Errors come in upstream order and are reported as a
// 422 Invalid like a create's (see `admitUpdate` in src/engine/api/admission.ts).
import type { FieldError } from '../field.ts';
import type { Obj } from '../rules/access.ts';
import { validateDeploymentUpdate, validateReplicaSetUpdate } from './apps.ts';
import { validateJobUpdate } from './batch.ts';
import { validatePodUpdate } from './pod.ts';
import { validateServiceUpdate } from './service.ts';

export { UPDATABLE_POD_SPEC_FIELDS } from './pod.ts';
export { FIELD_IMMUTABLE } from './apps.ts';

/** The errors an update of `oldObj` (as stored) to `newObj` (admitted: decoded, defaulted) gets. */
export function validateUpdate(kind: string, oldObj: object, newObj: object): FieldError[] {
  const a = oldObj as Obj;
  const b = newObj as Obj;
  switch (kind) {
    case 'Pod':
      return validatePodUpdate(a, b);
    case 'Deployment':
      return validateDeploymentUpdate(a, b);
    case 'ReplicaSet':
      return validateReplicaSetUpdate(a, b);
    case 'Job':
      return validateJobUpdate(a, b);
    case 'Service':
      return validateServiceUpdate(a, b);
    default:
      // CronJob: no immutable fields (see ./batch.ts); TFJob/PyTorchJob: their webhook and CEL rules are not
      // modelled for updates.
      return [];
  }
}
