// The per-replica container checks both webhooks make (release-1.9 `validateTFReplicaSpecs`,
// `validatePyTorchReplicaSpecs`): at least one container, an image on each, and one container with the
// framework's name. The CRD schema only requires `containers` to be present; `[]`, a missing `template` and a
// missing image all get through to here.

import { required, type FieldError, type FieldPath } from '../field.ts';
import { containersOf, isObject, type JsonObject, type KubeflowKind } from './kinds.ts';

export function validateReplicaContainers(kind: KubeflowKind, rolePath: FieldPath, replica: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const containersPath: FieldPath = [...rolePath, 'template', 'spec', 'containers'];
  const containers = containersOf(replica);

  if (containers.length === 0) errs.push(required(containersPath, 'must be specified'));

  let defaultContainerPresent = false;
  containers.forEach((container, i) => {
    const c = isObject(container) ? container : {};
    if (typeof c.image !== 'string' || c.image === '') {
      errs.push(required([...containersPath, i, 'image'], 'must be required'));
    }
    if (c.name === kind.defaultContainerName) defaultContainerPresent = true;
  });
  // So an empty list gets both errors (upstream test case "no containers").
  if (!defaultContainerPresent) {
    errs.push(required(containersPath, `must have at least one container with name ${kind.defaultContainerName}`));
  }
  return errs;
}
