// PyTorchJob admission: validator.pytorchjob.training-operator.kubeflow.org
// (release-1.9 pkg/webhooks/pytorch/pytorchjob_webhook.go `validatePyTorchJob`, `validateSpec`,
// `validatePyTorchReplicaSpecs`). Order as upstream: name, managedBy, elasticPolicy, then per replica type:
// type, containers, replicas. Validation sees the object before the controller defaults it, so an unset
// Master `replicas` is rejected although it would default to 1, and `worker` is not yet `Worker`.

import { asJSON, forbidden, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { validateReplicaContainers } from './containers.ts';
import { isObject, isSet, nameOf, PYTORCHJOB, replicaEntries, specOf, type JsonObject } from './kinds.ts';
import { validateJobName } from './name.ts';
import { validateManagedBy } from './runPolicy.ts';

const REPLICA_SPECS_PATH: FieldPath = ['spec', 'pytorchReplicaSpecs'];
const VALID_ROLE_TYPES = ['Master', 'Worker'] as const;
const ELASTIC_NPROC_PATH = 'spec.elasticPolicy.nProcPerNode';
const NPROC_PATH = 'spec.nprocPerNode';

/** The admission warning for the deprecated field; sent whether or not the request is allowed. */
export const NPROC_PER_NODE_DEPRECATED = `${ELASTIC_NPROC_PATH} is deprecated, use ${NPROC_PATH} instead`;

function elasticPolicyOf(spec: JsonObject | undefined): JsonObject | null {
  return isObject(spec?.elasticPolicy) ? spec.elasticPolicy : null;
}

function validateElasticPolicy(spec: JsonObject | undefined): FieldError[] {
  const elastic = elasticPolicyOf(spec);
  if (!elastic) return [];
  const errs: FieldError[] = [];
  const specs = spec?.pytorchReplicaSpecs;
  if (!isObject(specs) || !isObject(specs.Worker)) {
    errs.push(required([...REPLICA_SPECS_PATH, { key: 'Worker' }], 'must be configured if elastic policy is used'));
  }
  if (isSet(elastic.nProcPerNode) && isSet(spec?.nprocPerNode)) {
    errs.push(forbidden(['spec', 'elasticPolicy', 'nProcPerNode'], `must not be used with ${NPROC_PATH}`));
  }
  return errs;
}

function validatePyTorchReplicaSpecs(spec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObject(spec?.pytorchReplicaSpecs)) errs.push(required(REPLICA_SPECS_PATH, 'must be required'));

  for (const [type, replica] of replicaEntries(spec, PYTORCHJOB)) {
    const rolePath: FieldPath = [...REPLICA_SPECS_PATH, { key: type }];
    // Exact case: the controller's case normalization has not run yet.
    if (!(VALID_ROLE_TYPES as readonly string[]).includes(type)) {
      // The value is a ReplicaType, not a plain string, so it is printed as JSON.
      errs.push(notSupported(rolePath, asJSON(type), VALID_ROLE_TYPES));
    }
    errs.push(...validateReplicaContainers(PYTORCHJOB, rolePath, replica));
    const replicas = replica.replicas;
    if (type === 'Master') {
      if (typeof replicas !== 'number' || replicas !== 1) errs.push(forbidden([...rolePath, 'replicas'], 'must be 1'));
    } else if (typeof replicas === 'number' && replicas < 1) {
      errs.push(forbidden([...rolePath, 'replicas'], 'must be at least 1'));
    }
  }
  return errs;
}

/**
 * `validatePyTorchJob(oldJob, newJob)`; `oldJob` is null on create. On update upstream passes the new object
 * as both old and new (`oldJob := newObj.(*PyTorchJob)`), so the managedBy immutability check can never
 * fire; it is left out here for the same result.
 */
export function validatePyTorchJob(newJob: JsonObject): FieldError[] {
  const spec = specOf(newJob);
  return [
    ...validateJobName(nameOf(newJob)),
    ...validateManagedBy(spec),
    ...validateElasticPolicy(spec),
    ...validatePyTorchReplicaSpecs(spec),
  ];
}

/** Admission warnings (`admission.Warnings`) for a PyTorchJob create or update. */
export function pyTorchJobWarnings(job: JsonObject): string[] {
  const elastic = elasticPolicyOf(specOf(job));
  return elastic && isSet(elastic.nProcPerNode) ? [NPROC_PER_NODE_DEPRECATED] : [];
}
