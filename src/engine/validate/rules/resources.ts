// Container resource requirements (core validation.go validateResourceRequirements and the
// resource-name helpers of pkg/apis/core/helper). Quantities were checked at decode time
// (decode.ts), so every value here parses.

import { forbidden, invalid, notFound, required, duplicate, type FieldError, type FieldPath } from '../field.ts';
import { isDNS1123Label, isQualifiedName } from './formats.ts';
import { child, key, obj, objList, orderedJSON, str, type Obj } from './access.ts';
import { cmpQuantity, milliValue, parseQuantity, parseQuantityValue, quantitySign, quantityString, quantityValue, type Quantity } from './quantity.ts';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Unprefixed names and names under kubernetes.io/ belong to Kubernetes itself. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Extended resources and hugepages may not be overcommitted: requests must equal limits. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, orderedJSON(name), m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isQuotaHugePageResourceName(name))
    errs.push(invalid(path, orderedJSON(name), 'must be a standard resource type or fully qualified'));
  return errs;
}

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name))
      errs.push(invalid(path, orderedJSON(name), 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, orderedJSON(name), "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: non-negative, and whole numbers for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (quantitySign(q) < 0) errs.push(invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && milliValue(q) % 1000n !== 0n)
    errs.push(invalid(path, orderedJSON(quantityString(q)), 'must be an integer'));
  return errs;
}

function hugePageError(name: string, q: Quantity): string | null {
  const size = parseQuantity(name.slice('hugepages-'.length));
  const divisible =
    size.ok &&
    quantitySign(size.quantity) > 0 &&
    milliValue(size.quantity) % 1000n === 0n &&
    quantityValue(q) % quantityValue(size.quantity) === 0n;
  return divisible ? null : `${quantityString(q)} is not positive integer multiple of ${name}`;
}

function quantities(list: unknown): [string, Quantity][] {
  const out: [string, Quantity][] = [];
  for (const [name, v] of Object.entries(obj(list) ?? {})) {
    const r = parseQuantityValue(v);
    if (r.ok) out.push([name, r.quantity]);
  }
  return out;
}

/** ValidateContainerResourceRequirements (limits first, then requests, then claims). */
export function validateContainerResources(resources: unknown, podClaimNames: Set<string>, path: FieldPath): FieldError[] {
  const r = obj(resources) ?? {};
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = quantities(r['limits']);
  const limitMap = new Map(limits);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = child(limPath, key(name));
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const e = hugePageError(name, q);
      if (e) errs.push(invalid(p, quantityString(q), e));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of quantities(r['requests'])) {
    const p = child(reqPath, key(name));
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limitMap.get(name);
    if (limit) {
      const c = cmpQuantity(q, limit);
      if (c !== 0 && !isOvercommitAllowed(name))
        errs.push(invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      else if (c > 0)
        errs.push(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const e = hugePageError(name, q);
      if (e) errs.push(invalid(p, quantityString(q), e));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(r['claims'], podClaimNames, child(path, 'claims')));
  return errs;
}

function validateResourceClaimNames(claims: unknown, podClaimNames: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objList(claims).forEach((claim: Obj, i) => {
    const name = str(claim['name']);
    if (name === '') {
      errs.push(required(child(path, i)));
      return;
    }
    if (names.has(name)) errs.push(duplicate(child(path, i), name));
    else {
      let k = name;
      const request = str(claim['request']);
      if (request !== '') {
        errs.push(...isDNS1123Label(request).map((m) => invalid(child(path, i, 'request'), request, m)));
        k += `/${request}`;
      }
      if (names.has(k)) errs.push(duplicate(child(path, i), k));
      else if (request === '')
        for (const other of names) {
          const slash = other.indexOf('/');
          if (slash >= 0 && other.slice(0, slash) === name) errs.push(duplicate(child(path, i), name));
        }
      names.add(k);
    }
    if (!podClaimNames.has(name)) {
      const e = notFound(child(path, i), name);
      const detail =
        'must be one of the names in pod.spec.resourceClaims' +
        (podClaimNames.size === 0 ? ' which is empty' : `: ${[...podClaimNames].sort().join(', ')}`);
      errs.push({ ...e, detail: `${e.detail}: ${detail}`, message: `${e.message}: ${detail}` });
    }
  });
  return errs;
}
