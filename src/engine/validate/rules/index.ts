// The API server's own checks on create for v1 Pod, apps/v1 ReplicaSet and Deployment,
// batch/v1 Job and CronJob, and v1 Service (defaults, IP families and addresses, then ValidateService): decode-time quantity parsing, then defaulting and the registry's
// PrepareForCreate, then the kind's validation, errors in the order upstream appends them.
// Other kinds give []. Objects are expected to have passed the schema (type) checks.
//
// Go iterates maps in random order; where several errors come from one map (labels,
// annotations, resource lists) they are given here in the order the map was written.

import type { FieldError } from '../field.ts';
import { prepareForCreate, workloadKind, type DefaultsOptions } from '../../defaults/index.ts';
import { obj } from './access.ts';
import { checkQuantities } from './decode.ts';
import { validatePod } from './pod.ts';
import { validateDeployment, validateReplicaSet } from './apps.ts';
import { validateJob } from './job.ts';
import { validateCronJob } from './cronjob.ts';
import { validateService } from './service.ts';
import { isService } from '../../defaults/service.ts';

export type CreateOptions = DefaultsOptions;

export function validateCreate(
  object: { apiVersion: string; kind: string; [k: string]: unknown },
  options: CreateOptions = {},
): FieldError[] {
  const kind = workloadKind(object);
  if (!kind) {
    if (!isService(object)) return [];
    const prepared = prepareForCreate(object, options);
    return prepared.serviceErrors ?? validateService(prepared.object);
  }
  const decodeError = checkQuantities(object);
  if (decodeError) return [decodeError];
  const prepared = prepareForCreate(object, options);
  const o = prepared.object;
  switch (kind) {
    case 'Pod': {
      // the ServiceAccount admission plugin runs before validation and fills this in
      const spec = obj(o['spec']);
      if (spec && !spec['serviceAccountName']) spec['serviceAccountName'] = 'default';
      return validatePod(o);
    }
    case 'ReplicaSet':
      return validateReplicaSet(o);
    case 'Deployment':
      return validateDeployment(o);
    case 'Job':
      // metadata.labels holds the generated labels only if decoding shared the template's map
      return validateJob(o);
    case 'CronJob':
      return validateCronJob(o);
  }
}

/** Validation of an object that is already defaulted (e.g. a stored object being re-checked). */
export function validateDefaulted(object: { apiVersion: string; kind: string; [k: string]: unknown }): FieldError[] {
  switch (workloadKind(object)) {
    case 'Pod':
      return validatePod(object);
    case 'ReplicaSet':
      return validateReplicaSet(object);
    case 'Deployment':
      return validateDeployment(object);
    case 'Job':
      return validateJob(object);
    case 'CronJob':
      return validateCronJob(object);
    default:
      return isService(object) ? validateService(object) : [];
  }
}
