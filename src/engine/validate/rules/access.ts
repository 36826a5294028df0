// Small readers for plain JSON values. The objects passed type checks already, but fields may be
// missing, and a reader must never throw: a wrong type reads as "absent".

import type { FieldPath, PathSegment } from '../field.ts';
import { goEscapeJSON } from '../../schema/go-json-escape.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `v`, or undefined. */
export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

/** A string field; absent reads as '' (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function optNum(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A numeric field; absent reads as 0 (Go's zero value). */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function optBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function objList(v: unknown): Obj[] {
  return list(v).map((x) => obj(x) ?? {});
}

/** A map[string]string; absent reads as {}. Non-string values are skipped. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const o = obj(v);
  if (!o) return out;
  for (const [k, val] of Object.entries(o)) if (typeof val === 'string') out[k] = val;
  return out;
}

export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function child(path: FieldPath, ...segs: PathSegment[]): FieldPath {
  return [...path, ...segs];
}

export function key(k: string): PathSegment {
  return { key: k };
}

/**
 * JSON in Go's encoding of a struct: fields in the order given (build the object in Go's field
 * order), maps already sorted by the caller, and <, >, & escaped as encoding/json does.
 */
export function orderedJSON(value: unknown): { rendered: string } {
  const text = JSON.stringify(value) ?? 'null';
  return {
    rendered: goEscapeJSON(text),
  };
}

/** A copy of a map with its keys sorted, as encoding/json prints Go maps. */
export function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

/**
 * A copy as JSON.parse(JSON.stringify(v)) makes it. Plain data (the parsed manifests, the objects the simulator
 * builds) is copied directly, which is several times faster than the text round trip that the simulator's hot
 * paths used to pay on every create; anything else (toJSON, class instances, a `__proto__` key, a cycle) still
 * takes the round trip, so the result and any error are exactly the round trip's.
 */
export function deepClone<T>(v: T): T {
  if (v === undefined) return v;
  let copy: unknown;
  try {
    copy = jsonCopy(v);
  } catch {
    copy = NOT_PLAIN;
  }
  return (copy === NOT_PLAIN ? JSON.parse(JSON.stringify(v)) : copy) as T;
}

const NOT_PLAIN = Symbol('not plain JSON data');

/** JSON's rules: non-finite numbers and -0 become null and 0; undefined, functions and symbols are dropped (null in arrays). */
function jsonCopy(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (v === null) return null;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      if (e === undefined || typeof e === 'function' || typeof e === 'symbol') out[i] = null;
      else if ((out[i] = jsonCopy(e)) === NOT_PLAIN) return NOT_PLAIN;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    const e = (v as Obj)[k];
    if (e === undefined || typeof e === 'function' || typeof e === 'symbol') continue;
    if (k === '__proto__') return NOT_PLAIN;
    if ((out[k] = jsonCopy(e)) === NOT_PLAIN) return NOT_PLAIN;
  }
  return out;
}
