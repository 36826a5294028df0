// TFJob admission: validator.tfjob.training-operator.kubeflow.org
// (release-1.9 pkg/webhooks/tensorflow/tfjob_webhook.go `validateTFJob`, `validateTFReplicaSpecs`).
// Order as upstream: name, managedBy (update, then create rule), replica specs, Chief/Master count last.
// Not checked, as upstream: unknown replica types, restartPolicy/cleanPodPolicy/successPolicy values,
// replica counts (0 passes).

import { forbidden, required, type FieldError, type FieldPath } from '../field.ts';
import { validateReplicaContainers } from './containers.ts';
import { isObject, nameOf, replicaEntries, specOf, TFJOB, type JsonObject } from './kinds.ts';
import { validateJobName } from './name.ts';
import { validateManagedBy, validateManagedByUpdate } from './runPolicy.ts';

const REPLICA_SPECS_PATH: FieldPath = ['spec', 'tfReplicaSpecs'];

function validateTFReplicaSpecs(spec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  // Only a nil map fails: `tfReplicaSpecs: {}` decodes to an empty, non-nil map and passes.
  if (!isObject(spec?.tfReplicaSpecs)) errs.push(required(REPLICA_SPECS_PATH, 'must be required'));

  let chiefOrMaster = 0;
  for (const [type, replica] of replicaEntries(spec, TFJOB)) {
    // Exact keys, before the controller normalizes case: `chief` + `Master` slips through.
    if (type === 'Chief' || type === 'Master') chiefOrMaster++;
    errs.push(...validateReplicaContainers(TFJOB, [...REPLICA_SPECS_PATH, { key: type }], replica));
  }
  if (chiefOrMaster > 1) errs.push(forbidden(REPLICA_SPECS_PATH, 'must not have more than 1 Chief or Master role'));
  return errs;
}

/** `validateTFJob(oldJob, newJob)`; `oldJob` is null on create. */
export function validateTFJob(oldJob: JsonObject | null, newJob: JsonObject): FieldError[] {
  const spec = specOf(newJob);
  return [
    ...validateJobName(nameOf(newJob)),
    ...(oldJob ? validateManagedByUpdate(specOf(oldJob), spec) : []),
    ...validateManagedBy(spec),
    ...validateTFReplicaSpecs(spec),
  ];
}
