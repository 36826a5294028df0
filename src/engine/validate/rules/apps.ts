// ReplicaSet and Deployment (apps validation.go ValidateReplicaSetSpec, ValidateDeploymentSpec,
// ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment).

import { forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isValidPercent, nameIsDNSSubdomain } from './formats.ts';
import { child, isObj, obj, optNum, orderedJSON, str, strMap, type Obj } from './access.ts';
import {
  labelMapJSON, labelSelectorAsSelector, labelSelectorJSON, selectorIsEmpty, selectorMatches, validateLabelSelector,
  validateObjectMeta, type Selector,
} from './meta.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';

const NEGATIVE = 'must be greater than or equal to 0';

function nonNegative(v: unknown, path: FieldPath): FieldError[] {
  const n = optNum(v) ?? 0;
  return n < 0 ? [invalid(path, n, NEGATIVE)] : [];
}

function validatePodTemplateForReplicaSet(template: unknown, selector: Selector, path: FieldPath): FieldError[] {
  const t = obj(template) ?? {};
  const labels = obj(t['metadata'])?.['labels'];
  const spec = obj(t['spec']) ?? {};
  const errs: FieldError[] = [];
  if (!selectorIsEmpty(selector) && !selectorMatches(selector, strMap(labels)))
    errs.push(invalid(child(path, 'metadata', 'labels'), labelMapJSON(labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(t, path));
  const restartPolicy = str(spec['restartPolicy']);
  if (restartPolicy !== 'Always') errs.push(notSupported(child(path, 'spec', 'restartPolicy'), orderedJSON(restartPolicy), ['Always']));
  if (spec['activeDeadlineSeconds'] !== undefined && spec['activeDeadlineSeconds'] !== null)
    errs.push(forbidden(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}

/** The selector checks shared by ReplicaSet and Deployment, then the template. */
function validateSelectorAndTemplate(spec: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec['selector'];
  if (!isObj(selector)) errs.push(required(child(path, 'selector')));
  else {
    errs.push(...validateLabelSelector(selector, child(path, 'selector')));
    if (Object.keys(strMap(selector['matchLabels'])).length + (Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'].length : 0) === 0)
      errs.push(invalid(child(path, 'selector'), labelSelectorJSON(selector), 'empty selector is invalid for deployment'));
  }
  const compiled = labelSelectorAsSelector(selector);
  if (!compiled) errs.push(invalid(child(path, 'selector'), labelSelectorJSON(selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateForReplicaSet(spec['template'], compiled, child(path, 'template')));
  return errs;
}

export function validateReplicaSet(rs: Obj): FieldError[] {
  const spec = obj(rs['spec']) ?? {};
  const path = ['spec'];
  const errs = validateObjectMeta(rs['metadata'], nameIsDNSSubdomain);
  errs.push(...nonNegative(spec['replicas'], child(path, 'replicas')));
  errs.push(...nonNegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(spec, path));
  return errs;
}

/** intstr.IntValue() and the percent helpers of apps validation. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : '';
  if (isValidPercent(s).length === 0) return Number(s.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : 0;
}

function validatePositiveIntOrPercent(v: unknown, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, orderedJSON(v), m));
  return nonNegative(v, path);
}

function isNotMoreThan100Percent(v: unknown, path: FieldPath): FieldError[] {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return [];
  return Number(v.slice(0, -1)) > 100 ? [invalid(path, orderedJSON(v), 'must not be greater than 100%')] : [];
}

/** The internal apps.DeploymentStrategy as encoding/json prints it (Go field names). */
function strategyJSON(strategy: Obj): { rendered: string } {
  const ru = obj(strategy['rollingUpdate']);
  return orderedJSON({
    Type: str(strategy['type']),
    RollingUpdate: ru ? { MaxUnavailable: ru['maxUnavailable'] ?? 0, MaxSurge: ru['maxSurge'] ?? 0 } : null,
  });
}

function validateStrategy(strategy: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(strategy['type']);
  const ru = obj(strategy['rollingUpdate']);
  if (type === 'Recreate') {
    if (ru) errs.push(forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (!ru) errs.push(required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const p = child(path, 'rollingUpdate');
      // an omitted value converts to the internal zero IntOrString, i.e. 0
      const maxUnavailable = ru['maxUnavailable'] ?? 0;
      const maxSurge = ru['maxSurge'] ?? 0;
      errs.push(...validatePositiveIntOrPercent(maxUnavailable, child(p, 'maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(maxSurge, child(p, 'maxSurge')));
      if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0)
        errs.push(invalid(child(p, 'maxUnavailable'), orderedJSON(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      errs.push(...isNotMoreThan100Percent(maxUnavailable, child(p, 'maxUnavailable')));
    }
  } else {
    errs.push(notSupported(path, strategyJSON(strategy), ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeployment(deploy: Obj): FieldError[] {
  const spec = obj(deploy['spec']) ?? {};
  const path = ['spec'];
  const errs = validateObjectMeta(deploy['metadata'], nameIsDNSSubdomain);
  errs.push(...nonNegative(spec['replicas'], child(path, 'replicas')));
  errs.push(...validateSelectorAndTemplate(spec, path));
  errs.push(...validateStrategy(obj(spec['strategy']) ?? {}, child(path, 'strategy')));
  errs.push(...nonNegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...nonNegative(spec['revisionHistoryLimit'], child(path, 'revisionHistoryLimit')));
  const pds = optNum(spec['progressDeadlineSeconds']);
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, child(path, 'progressDeadlineSeconds')));
    if (pds <= (optNum(spec['minReadySeconds']) ?? 0))
      errs.push(invalid(child(path, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}
