// Small readers for plain JSON values. The objects passed type checks already, but fields may be
// missing, and a reader must never throw: a wrong type reads as "absent".

import type { FieldPath, PathSegment } from '../field.ts';

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
    rendered: text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  };
}

/** A copy of a map with its keys sorted, as encoding/json prints Go maps. */
export function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
