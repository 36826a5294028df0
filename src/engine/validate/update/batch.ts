// Updates of batch/v1 Jobs (kubernetes pkg/apis/batch/validation `ValidateJobSpecUpdate`,
// `validatePodTemplateUpdate`, `validateCompletions`; the options of pkg/registry/batch/job/strategy.go), in
// upstream order, each `Invalid value: <new value>: field is immutable` with the new value as JSON:
//  * spec.completions: immutable for NonIndexed Jobs; an Indexed Job may change it only to the new
//    parallelism (`can only be modified in tandem with spec.parallelism`) — ElasticIndexedJob is GA;
//  * spec.selector;
//  * spec.template, printed as the whole internal pod template; for a Job that is suspended and has never
//    started (no status.startTime) the scheduling directives may change: node affinity, nodeSelector,
//    tolerations, schedulingGates, and the template's labels and annotations;
//  * spec.completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy, successPolicy (internal structs
//    print with Go field names).
// Mutable: parallelism, activeDeadlineSeconds, backoffLimit, suspend, ttlSecondsAfterFinished,
// maxFailedIndexes, podReplacementPolicy.
//
// CronJob: `ValidateCronJobUpdate` has no immutable field; it only relaxes create-time checks (the 52-character
// name limit, a TZ in a schedule that already had one, timeZone re-validated only when it changed), so
// nothing is added here.
import { invalid, type FieldError } from '../field.ts';
import { deepClone, isObj, obj, optNum, optStr, orderedJSON, type Obj } from '../rules/access.ts';
import { labelSelectorJSON } from '../rules/meta.ts';
import { FIELD_IMMUTABLE, sameLabelSelector } from './apps.ts';
import { renderPodTemplateSpec, semanticEqual } from './internal-json.ts';

function jsonValue(v: unknown): { rendered: string } {
  return orderedJSON(v === undefined ? null : v);
}

/** The internal batch.PodFailurePolicy (Go field names, declaration order), or null. */
function podFailurePolicyValue(v: unknown): unknown {
  const p = obj(v);
  if (!p) return null;
  return {
    Rules: Array.isArray(p['rules'])
      ? p['rules'].map((r) => {
          const rule = obj(r) ?? {};
          const codes = obj(rule['onExitCodes']);
          return {
            Action: optStr(rule['action']) ?? '',
            OnExitCodes: codes
              ? { ContainerName: optStr(codes['containerName']) ?? null, Operator: optStr(codes['operator']) ?? '', Values: Array.isArray(codes['values']) ? codes['values'] : null }
              : null,
            OnPodConditions: Array.isArray(rule['onPodConditions'])
              ? rule['onPodConditions'].map((c) => ({ Type: optStr(obj(c)?.['type']) ?? '', Status: optStr(obj(c)?.['status']) ?? '' }))
              : null,
          };
        })
      : null,
  };
}

/** The internal batch.SuccessPolicy, or null. */
function successPolicyValue(v: unknown): unknown {
  const p = obj(v);
  if (!p) return null;
  return {
    Rules: Array.isArray(p['rules'])
      ? p['rules'].map((r) => ({ SucceededIndexes: optStr(obj(r)?.['succeededIndexes']) ?? null, SucceededCount: optNum(obj(r)?.['succeededCount']) ?? null }))
      : null,
  };
}

function validateCompletions(spec: Obj, oldSpec: Obj): FieldError[] {
  const path = ['spec', 'completions'];
  const next = optNum(spec['completions']);
  const prev = optNum(oldSpec['completions']);
  if (spec['completionMode'] !== 'Indexed') return next === prev ? [] : [invalid(path, jsonValue(next), FIELD_IMMUTABLE)];
  // Indexed: nil completions is already a create-time error
  if (next === prev || next === undefined) return [];
  return next !== optNum(spec['parallelism']) ? [invalid(path, jsonValue(next), 'can only be modified in tandem with spec.parallelism')] : [];
}

/** The old template with the new scheduling directives, when those may change (`validatePodTemplateUpdate`). */
function comparableOldTemplate(oldTemplate: Obj, newTemplate: Obj): Obj {
  const old = deepClone(oldTemplate);
  const oldSpec = obj(old['spec']) ?? (old['spec'] = {});
  const newSpec = obj(newTemplate['spec']) ?? {};
  const newAffinity = obj(newSpec['affinity']);
  const oldAffinity = obj(oldSpec['affinity']);
  if (!newAffinity && oldAffinity) {
    delete oldAffinity['nodeAffinity'];
    if (!isObj(oldAffinity['podAffinity']) && !isObj(oldAffinity['podAntiAffinity'])) delete oldSpec['affinity'];
  } else if (newAffinity && !oldAffinity) {
    oldSpec['affinity'] = newAffinity['nodeAffinity'] === undefined ? {} : { nodeAffinity: deepClone(newAffinity['nodeAffinity']) };
  } else if (newAffinity && oldAffinity) {
    if (newAffinity['nodeAffinity'] === undefined) delete oldAffinity['nodeAffinity'];
    else oldAffinity['nodeAffinity'] = deepClone(newAffinity['nodeAffinity']);
  }
  for (const field of ['nodeSelector', 'tolerations', 'schedulingGates']) {
    if (newSpec[field] === undefined) delete oldSpec[field];
    else oldSpec[field] = deepClone(newSpec[field]);
  }
  const oldMeta = obj(old['metadata']) ?? (old['metadata'] = {});
  const newMeta = obj(newTemplate['metadata']) ?? {};
  for (const field of ['labels', 'annotations']) {
    if (newMeta[field] === undefined) delete oldMeta[field];
    else oldMeta[field] = deepClone(newMeta[field]);
  }
  return old;
}

function validatePodTemplateUpdate(oldJob: Obj, spec: Obj, oldSpec: Obj): FieldError[] {
  const newTemplate = obj(spec['template']) ?? {};
  let oldTemplate = obj(oldSpec['template']) ?? {};
  const suspended = oldSpec['suspend'] === true;
  const notStarted = !obj(oldJob['status'])?.['startTime'];
  if (suspended && notStarted) oldTemplate = comparableOldTemplate(oldTemplate, newTemplate);
  if (semanticEqual(renderPodTemplateSpec(newTemplate, { semantic: true }), renderPodTemplateSpec(oldTemplate, { semantic: true }))) return [];
  return [invalid(['spec', 'template'], orderedJSON(renderPodTemplateSpec(newTemplate)), FIELD_IMMUTABLE)];
}

function immutable(path: string[], next: unknown, prev: unknown, shown: (v: unknown) => unknown = (v) => v ?? null): FieldError[] {
  const a = shown(next);
  return JSON.stringify(a) === JSON.stringify(shown(prev)) ? [] : [invalid(path, orderedJSON(a), FIELD_IMMUTABLE)];
}

export function validateJobUpdate(oldJob: Obj, newJob: Obj): FieldError[] {
  const spec = obj(newJob['spec']) ?? {};
  const oldSpec = obj(oldJob['spec']) ?? {};
  const errs = validateCompletions(spec, oldSpec);
  if (!sameLabelSelector(spec['selector'], oldSpec['selector'])) errs.push(invalid(['spec', 'selector'], labelSelectorJSON(spec['selector']), FIELD_IMMUTABLE));
  errs.push(...validatePodTemplateUpdate(oldJob, spec, oldSpec));
  errs.push(...immutable(['spec', 'completionMode'], spec['completionMode'], oldSpec['completionMode']));
  errs.push(...immutable(['spec', 'podFailurePolicy'], spec['podFailurePolicy'], oldSpec['podFailurePolicy'], podFailurePolicyValue));
  errs.push(...immutable(['spec', 'backoffLimitPerIndex'], spec['backoffLimitPerIndex'], oldSpec['backoffLimitPerIndex']));
  errs.push(...immutable(['spec', 'managedBy'], spec['managedBy'], oldSpec['managedBy']));
  errs.push(...immutable(['spec', 'successPolicy'], spec['successPolicy'], oldSpec['successPolicy'], successPolicyValue));
  return errs;
}

/** For tests and callers that show a Job template the way the update error does. */
export function jobTemplateValue(job: Obj): string {
  return orderedJSON(renderPodTemplateSpec(obj(obj(job['spec'])?.['template']) ?? {})).rendered;
}

