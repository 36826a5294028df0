// Container environment (core validation.go ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom,
// validateObjectFieldSelector, validateContainerResourceFieldSelector) and the downward API
// field-label conversion of pkg/apis/core/pods (ConvertDownwardAPIFieldLabel).

import { invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isConfigMapKey, isQualifiedName, isRelaxedEnvVarName, nameIsDNSSubdomain } from './formats.ts';
import { child, isObj, obj, objList, str, type Obj } from './access.ts';
import { isZero, parseQuantityValue, quantityString } from './quantity.ts';

const ENV_FIELD_PATHS = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

const RESOURCE_FIELD_PATHS = new Set([
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
]);

const CONVERTIBLE_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['x']" → ["metadata.labels", "x"]. */
function splitSubscript(fieldPath: string): [string, string] | null {
  if (!fieldPath.endsWith("']")) return null;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return null;
  return [s.slice(0, at), s.slice(at + 2)];
}

function convertFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscript(label);
  if (sub) {
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE_LABELS.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

export function validateObjectFieldSelector(selector: unknown, expressions: Set<string>, path: FieldPath): FieldError[] {
  const fs = obj(selector) ?? {};
  const apiVersion = str(fs['apiVersion']);
  const fieldPath = str(fs['fieldPath']);
  if (apiVersion === '') return [required(child(path, 'apiVersion'))];
  if (fieldPath === '') return [required(child(path, 'fieldPath'))];
  const converted = convertFieldLabel(apiVersion, fieldPath);
  if ('error' in converted) return [invalid(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: ${converted.error}`)];
  const sub = splitSubscript(converted.path);
  if (sub) {
    if (sub[0] === 'metadata.annotations') return isQualifiedName(sub[1].toLowerCase()).map((m) => invalid(path, sub[1].toLowerCase(), m));
    if (sub[0] === 'metadata.labels') return isQualifiedName(sub[1]).map((m) => invalid(path, sub[1], m));
    return [invalid(path, sub[0], 'does not support subscript')];
  }
  if (!expressions.has(converted.path)) return [notSupported(child(path, 'fieldPath'), converted.path, [...expressions].sort())];
  return [];
}

const DIVISORS_CPU = new Set(['1m', '1']);
const DIVISORS_BYTES = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTES_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

function validateDivisor(resource: string, divisor: unknown, path: FieldPath): FieldError[] {
  if (divisor === undefined) return [];
  const q = parseQuantityValue(divisor);
  if (!q.ok || isZero(q.quantity)) return [];
  const d = quantityString(q.quantity);
  const p = child(path, 'divisor');
  const errs: FieldError[] = [];
  if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !DIVISORS_CPU.has(d))
    errs.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  if ((resource === 'limits.memory' || resource === 'requests.memory') && !DIVISORS_BYTES.has(d))
    errs.push(invalid(p, resource, `only divisor's values ${BYTES_LIST} are supported with the memory resource`));
  if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !DIVISORS_BYTES.has(d))
    errs.push(invalid(p, resource, `only divisor's values ${BYTES_LIST} are supported with the local ephemeral storage resource`));
  if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !DIVISORS_BYTES.has(d))
    errs.push(invalid(p, resource, `only divisor's values ${BYTES_LIST} are supported with the hugepages resource`));
  return errs;
}

export function validateContainerResourceFieldSelector(selector: unknown, path: FieldPath, volume: boolean): FieldError[] {
  const fs = obj(selector) ?? {};
  const errs: FieldError[] = [];
  const resource = str(fs['resource']);
  if (volume && str(fs['containerName']) === '') errs.push(required(child(path, 'containerName')));
  else if (resource === '') errs.push(required(child(path, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.has(resource) && !resource.startsWith('limits.hugepages-') && !resource.startsWith('requests.hugepages-'))
    errs.push(notSupported(child(path, 'resource'), resource, [...RESOURCE_FIELD_PATHS].sort()));
  errs.push(...validateDivisor(resource, fs['divisor'], path));
  return errs;
}

function validateKeySelector(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s['name']);
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(path, 'name'), name, m));
  const k = str(s['key']);
  if (k === '') errs.push(required(child(path, 'key')));
  else for (const m of isConfigMapKey(k)) errs.push(invalid(child(path, 'key'), k, m));
  return errs;
}

function validateValueFrom(ev: Obj, path: FieldPath): FieldError[] {
  const from = obj(ev['valueFrom']);
  if (!from) return [];
  const errs: FieldError[] = [];
  let count = 0;
  if (isObj(from['fieldRef'])) {
    count++;
    errs.push(...validateObjectFieldSelector(from['fieldRef'], ENV_FIELD_PATHS, child(path, 'fieldRef')));
  }
  if (isObj(from['resourceFieldRef'])) {
    count++;
    errs.push(...validateContainerResourceFieldSelector(from['resourceFieldRef'], child(path, 'resourceFieldRef'), false));
  }
  if (isObj(from['configMapKeyRef'])) {
    count++;
    errs.push(...validateKeySelector(from['configMapKeyRef'], child(path, 'configMapKeyRef')));
  }
  if (isObj(from['secretKeyRef'])) {
    count++;
    errs.push(...validateKeySelector(from['secretKeyRef'], child(path, 'secretKeyRef')));
  }
  if (count === 0)
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (str(ev['value']) !== '') errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (count > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

export function validateEnv(env: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(env).forEach((ev, i) => {
    const idxPath = child(path, i);
    const name = str(ev['name']);
    if (name === '') errs.push(required(child(idxPath, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(child(idxPath, 'name'), name, m));
    errs.push(...validateValueFrom(ev, child(idxPath, 'valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(envFrom).forEach((ev, i) => {
    const idxPath = child(path, i);
    const prefix = str(ev['prefix']);
    if (prefix !== '') for (const m of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(idxPath, 'prefix'), prefix, m));
    let count = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = obj(ev[kind]);
      if (!ref) continue;
      count++;
      const name = str(ref['name']);
      const p = child(idxPath, kind, 'name');
      if (name === '') errs.push(required(p));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(p, name, m));
    }
    if (count === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
