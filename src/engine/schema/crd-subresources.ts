// The generic checks apiextensions-apiserver (1.35) runs on a custom resource after its schema:
// * the scale subresource's spec replicas (pkg/registry/customresource validator.go
//   ValidateScaleSpec; the path prints as written in the CRD, with its leading dot);
// * x-kubernetes-list-type `set` / `map` uniqueness (pkg/apiserver/schema/listtype), on the defaulted
//   object, reporting the second occurrence of each repeated key; these paths print map keys as
//   `[key]` (field.Path.Key).
import { duplicate, invalid } from '../validate/field.ts';
import type { FieldError, PathSegment, Shown } from '../validate/field.ts';
import { goFloat } from './crd-openapi.ts';
import { at, isObject, numberText, segmentsOf, sortedKeys } from './json-util.ts';
import type { Json, Loc } from './json-util.ts';
import type { SchemaNode } from './schemas.ts';

/** customResourceValidator.ValidateScaleSpec for a CRD with a scale subresource. */
export function validateScaleSpec(value: Json, specReplicasPath: string): FieldError[] {
  const fields = specReplicasPath.replace(/^\./, '').split('.');
  const where: PathSegment[] = [specReplicasPath];
  let cur: unknown = value;
  for (let i = 0; i < fields.length; i++) {
    // NestedFieldNoCopy: nil (a pruned null) means not found.
    if (cur === null || cur === undefined) return [];
    if (!isObject(cur)) {
      const msg = `.${fields.slice(0, i + 1).join('.')} accessor error: ${goValue(cur)} is of the type ${goTypeName(cur)}, expected map[string]interface{}`;
      return [invalid(where, 0, msg)];
    }
    if (!(fields[i] in cur)) return [];
    cur = cur[fields[i]];
  }
  if (cur === null) return []; // dropped before validation (not nullable)
  if (!isInt64(cur)) {
    return [invalid(where, 0, `.${fields.join('.')} accessor error: ${goValue(cur)} is of the type ${goTypeName(cur)}, expected int64`)];
  }
  const n = BigInt(numberText(cur as number | bigint));
  if (n < 0n) return [invalid(where, { rendered: n.toString() }, 'should be a non-negative integer')];
  if (n > 2147483647n) return [invalid(where, { rendered: n.toString() }, 'should be less than or equal to 2147483647')];
  return [];
}

function isInt64(v: unknown): boolean {
  if (typeof v !== 'number' && typeof v !== 'bigint') return false;
  const text = numberText(v);
  if (!/^-?\d+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** Go's %T of an unstructured value. */
function goTypeName(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return isInt64(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's %v of an unstructured value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return isInt64(v) ? numberText(v) : goFloat(v);
  if (typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const o = v as Json;
  return `map[${sortedKeys(o)
    .map((k) => `${k}:${goValue(o[k])}`)
    .join(' ')}]`;
}

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** ValidateListSetsAndMaps over the resource (status left out when create drops it). */
export function validateListTypes(value: Json, root: SchemaNode, dropStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const props = root.properties ?? {};
  for (const k of sortedKeys(value)) {
    if (META_FIELDS.has(k) || (dropStatus && k === 'status') || !props[k]) continue;
    listTypes(value[k], props[k], at(null, k), errs);
  }
  return errs;
}

function listTypes(x: unknown, s: SchemaNode, loc: Loc, errs: FieldError[]): void {
  if (Array.isArray(x)) {
    const type = s['x-kubernetes-list-type'];
    if (type === 'set') {
      for (const i of nonUnique(x)) errs.push(duplicate(segmentsOf(at(loc, i)), x[i] as Shown));
    } else if (type === 'map') {
      errs.push(...listMapErrors(x, s, loc));
    }
    if (s.items) for (let i = 0; i < x.length; i++) listTypes(x[i], s.items, at(loc, i), errs);
  } else if (isObject(x)) {
    const ap = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    if (ap) for (const k of sortedKeys(x)) listTypes(x[k], ap, at(loc, { key: k }), errs);
    if (s.properties) for (const k of sortedKeys(x)) if (s.properties[k]) listTypes(x[k], s.properties[k], at(loc, k), errs);
  }
}

function listMapErrors(x: unknown[], s: SchemaNode, loc: Loc): FieldError[] {
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== null && !isObject(x[i])) {
      return [invalid(segmentsOf(at(loc, i)), x[i] as Shown, 'must be an object for an array of list-type map')];
    }
  }
  if (x.length <= 1) return [];
  const keyFields = s['x-kubernetes-list-map-keys'] ?? [];
  const itemProps = s.items?.properties ?? {};
  // Structural defaulting has filled in key defaults (protocol: TCP) before this check.
  const keyOf = (item: unknown, f: string): unknown => {
    if (!isObject(item)) return undefined;
    const v = item[f];
    return v === undefined || v === null ? itemProps[f]?.default : v;
  };
  if (keyFields.length === 1) {
    const f = keyFields[0];
    const keys = x.map((item) => keyOf(item, f));
    return nonUnique(keys).map((i) => duplicate(segmentsOf(at(loc, i)), keys[i] === undefined ? {} : { [f]: keys[i] as Shown }));
  }
  const keys = x.map((item) => {
    const key: Json = {};
    for (const f of keyFields) {
      const v = keyOf(item, f);
      if (v !== undefined) key[f] = v;
    }
    return key;
  });
  return nonUnique(keys).map((i) => duplicate(segmentsOf(at(loc, i)), keys[i] as Shown));
}

/** validateListSet: indices of the second occurrence of each repeated value. */
function nonUnique(values: readonly unknown[]): number[] {
  const counts = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const key =
      v === undefined
        ? '\u0000unspecified'
        : JSON.stringify(v, (_k, x: unknown) => (isObject(x) ? Object.fromEntries(sortedKeys(x).map((k) => [k, x[k]])) : x));
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    if (n === 1) out.push(i);
  });
  return out;
}
