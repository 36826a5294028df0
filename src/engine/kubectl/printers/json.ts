// kubectl's JSON printer: Go `json.MarshalIndent(obj, "", "    ")` — <, >, & and U+2028/U+2029 escaped,
// empty maps `{}` and lists `[]`, a newline at the end. An unstructured object (what the API returns) is a
// map, so its keys come sorted; a typed object (a generator's Deployment, Job, CronJob or Pod) keeps its Go
// struct's field order, which the generators build their objects in.

import { goEscapeJSON } from '../../schema/go-json-escape.ts';

const quote = (s: string): string => goEscapeJSON(JSON.stringify(s));

/** A Go map inside a typed object (labels, an EventList's fields …): its keys are written sorted. */
export class GoMap {
  readonly entries: Record<string, unknown>;
  constructor(entries: Record<string, unknown>) {
    this.entries = entries;
  }
}

function write(v: unknown, indent: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + write(x, inner, sortKeys)).join(',\n')}\n${indent}]`;
  }
  const map = v instanceof GoMap;
  const o = (map ? v.entries : v) as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sortKeys || map) keys.sort(compareBytes);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${quote(k)}: ${write(o[k], inner, sortKeys)}`).join(',\n')}\n${indent}}`;
}

/** Go sorts map keys by bytes; for the ASCII keys of Kubernetes objects this is code-unit order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function printJSON(obj: unknown): string {
  return `${write(obj, '', true)}\n`;
}

/**
 * A typed object: fields in the order the object was built (Go struct order), not sorted, except inside
 * GoMap values; keys whose value is undefined are left out (omitempty).
 */
export function printTypedJSON(obj: unknown): string {
  return `${write(obj, '', false)}\n`;
}
