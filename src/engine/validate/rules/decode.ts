// Quantities are parsed while the request body is decoded, before any validation: one bad
// quantity fails the whole request with 400 BadRequest, as transformDecodeError words it:
// `<Kind> in version "<version>" cannot be handled as a <Kind>: <parse error>`.
// Fields are visited in document order, and the first failure wins, as in encoding/json.

import { plain, type FieldError, type FieldPath } from '../field.ts';
import { child, isObj, key, list, obj, type Obj } from './access.ts';
import { parseQuantityValue } from './quantity.ts';

interface Failure {
  path: FieldPath;
  error: string;
}

function checkValue(v: unknown, path: FieldPath): Failure | null {
  if (v === undefined) return null;
  const r = parseQuantityValue(v);
  return r.ok ? null : { path, error: r.error };
}

function checkList(m: unknown, path: FieldPath): Failure | null {
  for (const [k, v] of Object.entries(obj(m) ?? {})) {
    const f = checkValue(v, child(path, key(k)));
    if (f) return f;
  }
  return null;
}

function checkRequirements(r: unknown, path: FieldPath): Failure | null {
  for (const k of Object.keys(obj(r) ?? {})) {
    if (k === 'limits' || k === 'requests') {
      const f = checkList(obj(r)![k], child(path, k));
      if (f) return f;
    }
  }
  return null;
}

function checkDownwardItems(items: unknown, path: FieldPath): Failure | null {
  for (const [i, item] of list(items).entries()) {
    const ref = obj(obj(item)?.['resourceFieldRef']);
    if (ref) {
      const f = checkValue(ref['divisor'], child(path, i, 'resourceFieldRef', 'divisor'));
      if (f) return f;
    }
  }
  return null;
}

function checkContainer(c: Obj, path: FieldPath): Failure | null {
  for (const k of Object.keys(c)) {
    let f: Failure | null = null;
    if (k === 'resources') f = checkRequirements(c[k], child(path, k));
    else if (k === 'env')
      for (const [i, ev] of list(c[k]).entries()) {
        const ref = obj(obj(obj(ev)?.['valueFrom'])?.['resourceFieldRef']);
        if (ref) f = checkValue(ref['divisor'], child(path, k, i, 'valueFrom', 'resourceFieldRef', 'divisor'));
        if (f) break;
      }
    if (f) return f;
  }
  return null;
}

function checkVolume(v: Obj, path: FieldPath): Failure | null {
  for (const k of Object.keys(v)) {
    const src = obj(v[k]);
    if (!src) continue;
    let f: Failure | null = null;
    if (k === 'emptyDir') f = checkValue(src['sizeLimit'], child(path, k, 'sizeLimit'));
    else if (k === 'downwardAPI') f = checkDownwardItems(src['items'], child(path, k, 'items'));
    else if (k === 'projected')
      for (const [i, s] of list(src['sources']).entries()) {
        const d = obj(obj(s)?.['downwardAPI']);
        if (d) f = checkDownwardItems(d['items'], child(path, k, 'sources', i, 'downwardAPI', 'items'));
        if (f) break;
      }
    else if (k === 'ephemeral') {
      const claimSpec = obj(obj(src['volumeClaimTemplate'])?.['spec']);
      if (claimSpec) f = checkRequirements(claimSpec['resources'], child(path, k, 'volumeClaimTemplate', 'spec', 'resources'));
    }
    if (f) return f;
  }
  return null;
}

function checkPodSpec(spec: unknown, path: FieldPath): Failure | null {
  const s = obj(spec);
  if (!s) return null;
  for (const k of Object.keys(s)) {
    let f: Failure | null = null;
    if (k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') {
      for (const [i, c] of list(s[k]).entries()) {
        if (isObj(c)) f = checkContainer(c, child(path, k, i));
        if (f) break;
      }
    } else if (k === 'volumes') {
      for (const [i, v] of list(s[k]).entries()) {
        if (isObj(v)) f = checkVolume(v, child(path, k, i));
        if (f) break;
      }
    } else if (k === 'overhead') f = checkList(s[k], child(path, k));
    else if (k === 'resources') f = checkRequirements(s[k], child(path, k));
    if (f) return f;
  }
  return null;
}

/** Where each kind keeps its pod spec. */
function podSpecLocation(o: Obj): [unknown, FieldPath] | null {
  const spec = obj(o['spec']);
  switch (o['kind']) {
    case 'Pod':
      return [spec, ['spec']];
    case 'ReplicaSet':
    case 'Deployment':
    case 'Job':
      return [obj(spec?.['template'])?.['spec'], ['spec', 'template', 'spec']];
    case 'CronJob':
      return [obj(obj(obj(spec?.['jobTemplate'])?.['spec'])?.['template'])?.['spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
    default:
      return null;
  }
}

/** The decode error of the first unparsable quantity, or null. */
export function checkQuantities(o: Obj): FieldError | null {
  const loc = podSpecLocation(o);
  if (!loc) return null;
  const failure = checkPodSpec(loc[0], loc[1]);
  if (!failure) return null;
  const kind = String(o['kind']);
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  return plain('FieldValueTypeInvalid', `${kind} in version "${version}" cannot be handled as a ${kind}: ${failure.error}`, failure.path);
}
