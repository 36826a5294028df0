// `spec.runPolicy.managedBy` rules shared by every Training Operator webhook
// (release-1.9 pkg/common/util/webhooks.go `ValidateRunPolicy`, `ValidateRunPolicyUpdate`).

import { asJSON, invalid, notSupported, type FieldError } from '../field.ts';
import { isObject, type JsonObject } from './kinds.ts';

const MANAGED_BY_PATH = ['spec', 'runPolicy', 'managedBy'] as const;

/**
 * The values a job may name as its manager. Upstream lists them with `sets.UnsortedList()`, so a real
 * denial may print them in either order; this is the order the reference shows.
 */
export const SUPPORTED_JOB_CONTROLLERS = ['kubeflow.org/training-operator', 'kueue.x-k8s.io/multikueue'] as const;

function managedByOf(spec: JsonObject | undefined): unknown {
  const runPolicy = spec?.runPolicy;
  return isObject(runPolicy) ? runPolicy.managedBy : undefined;
}

/** Create and update: a set `managedBy` must be one of the supported controllers. */
export function validateManagedBy(spec: JsonObject | undefined): FieldError[] {
  const manager = managedByOf(spec);
  if (typeof manager !== 'string') return [];
  if ((SUPPORTED_JOB_CONTROLLERS as readonly string[]).includes(manager)) return [];
  return [notSupported(MANAGED_BY_PATH, manager, SUPPORTED_JOB_CONTROLLERS)];
}

/**
 * Update: `managedBy` may not change (`ValidateImmutableField` on the `*string`). The value shown is the new
 * pointer as JSON, so a removed field prints `null` (operator v1.9.4, apimachinery v0.36; v1.9.0–v1.9.3
 * printed `"null"`).
 */
export function validateManagedByUpdate(oldSpec: JsonObject | undefined, newSpec: JsonObject | undefined): FieldError[] {
  const before = managedByOf(oldSpec) ?? null;
  const after = managedByOf(newSpec) ?? null;
  if (before === after) return [];
  return [invalid(MANAGED_BY_PATH, asJSON(after), 'field is immutable')];
}
