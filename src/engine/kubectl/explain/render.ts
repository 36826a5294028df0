// `kubectl explain` output: a TypeScript rendering of kubectl 1.35's plaintext template
// (kubernetes/kubectl pkg/explain/v2/templates/plaintext.tmpl with the functions of funcs.go), step for step:
// the GROUP/KIND/VERSION header, `FIELD: name <type>` for a field path, DESCRIPTION (the field's own text,
// then its type's), FIELDS with `<type>` guesses, `-required-`, enum lists, and descriptions wrapped by
// go-wordwrap at 76/78−indent columns. Go template truthiness is kept: empty maps and lists count as absent.
import type { SchemaNode } from '../../schema/index.ts';
import { resolveRef } from './document.ts';
import { indent, wrapString } from './word-wrap.ts';

type History = Readonly<Record<string, true>>;

/** Go template truthiness of a JSON value. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** `additionalProperties` when it is a schema (not `true`/`false`) with content. */
function mapValues(s: SchemaNode): SchemaNode | null {
  const a = s.additionalProperties;
  return typeof a === 'object' && truthy(a) ? a : null;
}

const items = (s: SchemaNode): SchemaNode | null => (truthy(s.items) ? s.items! : null);
const resolvedOf = (s: SchemaNode): SchemaNode => {
  const r = resolveRef(s.$ref);
  return truthy(r) ? r! : s;
};

/** Go's sort order for map keys (strings compare byte-wise; the schemas' keys are ASCII). */
const sortedKeys = (o: Record<string, unknown>): string[] => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Go's %v of a JSON value inside an enum list. */
function enumText(e: unknown): string {
  if (e === '') return '""';
  if (typeof e === 'string') return e;
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  return JSON.stringify(e);
}

/** The `typeGuess` template: `string`, `Object`, `[]Container`, `map[string]string`, `IntOrString` … */
export function typeGuess(s: SchemaNode): string {
  const it = items(s);
  if (it) return `[]${typeGuess(it)}`;
  const mv = mapValues(s);
  if (mv) return `map[string]${typeGuess(mv)}`;
  if (truthy(s.allOf) && !truthy(s.properties) && s.allOf!.length === 1) return typeGuess(s.allOf![0]!);
  if (truthy(s.$ref)) {
    const ref = s.$ref!;
    const target = resolveRef(ref);
    if (!truthy(target) || !truthy(target!.type) || target!.type === 'object') {
      const name = ref.split('/').pop()!;
      return name.split('.').pop() || 'Object';
    }
    return String(target!.type);
  }
  if (s.type === 'object') return 'Object';
  return truthy(s.type) ? String(s.type) : 'Object';
}

/** The `extractEnum` template: `ENUM:` lines under a FIELD, or `enum: a, b, …` under a field of a list. */
function extractEnum(s: SchemaNode, longView: boolean, limit: number, indentAmount = 0): string {
  if (!truthy(s.enum)) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  const values = s.enum!;
  for (let i = 0; i < values.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    out += enumText(values[i]);
  }
  return out;
}

/** The `description` template: the schema's text, then its allOf members', its items' and its map values'. */
function description(s: SchemaNode): string {
  const r = resolvedOf(s);
  if (!truthy(r)) return '';
  let out = truthy(r.description) ? `${r.description}\n` : '';
  for (const a of r.allOf ?? []) out += description(a);
  const it = items(r);
  if (it) out += description(it);
  const mv = mapValues(r);
  if (mv) out += description(mv);
  return out;
}

/** The `fieldDetail` template: one field line, and in the long form its wrapped description. */
function fieldDetail(name: string, container: SchemaNode, short: boolean, level: number): string {
  const indentAmount = level * 2;
  const field = container.properties![name]!;
  let out = `${' '.repeat(indentAmount)}${name}\t<${typeGuess(field)}>`;
  if (container.required?.includes(name)) out += ' -required-';
  out += extractEnum(field, false, 4, indentAmount);
  out += '\n';
  if (!short) out += `${indent(indentAmount + 2, wrapString(truthy(field.description) ? field.description! : '<no description>', 78 - indentAmount))}\n\n`;
  return out;
}

/** The `fieldList` template: the fields of a schema (following refs, allOf, items, map values), recursively with --recursive. */
function fieldList(s: SchemaNode, level: number, history: History | undefined, recursive: boolean): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  if (ref && history?.[ref]) return ''; // a cycle
  const next: History = { ...history, [ref]: true };
  const r = resolvedOf(s);
  let out = '';
  const props = r.properties ?? {};
  for (const k of sortedKeys(props)) {
    out += fieldDetail(k, r, recursive, level);
    if (recursive) out += fieldList(props[k]!, level + 1, next, recursive);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, next, recursive);
  const it = items(r);
  if (it) out += fieldList(it, level, next, recursive);
  const mv = mapValues(r);
  if (mv) out += fieldList(mv, level, next, recursive);
  return out;
}

/**
 * The `output` template: follows `path` from `s` and prints the FIELD line, DESCRIPTION and FIELDS of what it
 * reaches; '' when a path element does not exist (the caller then reports `field "x" does not exist`).
 */
export function output(s: SchemaNode, path: readonly string[], recursive: boolean, history: History = {}): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  const next: History = { ...history, [ref]: true };
  const r = resolvedOf(s);
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrapString(description(r) || '<empty>', 76))}\n`;
    const fields = fieldList(r, 1, undefined, recursive);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history[ref]) return ''; // a cycle
  const first = path[0]!;
  const sub = r.properties?.[first];
  if (truthy(r.properties) && truthy(sub)) {
    let out = '';
    if (path.length === 1) out += `FIELD: ${first} <${typeGuess(sub!)}>\n${extractEnum(sub!, true, -1)}\n\n`;
    return out + output(sub!, path.slice(1), recursive, {});
  }
  const it = items(r);
  if (it) return output(it, path, recursive, next);
  const mv = mapValues(r);
  if (mv) return output(mv, path, recursive, next);
  for (const a of r.allOf ?? []) {
    const o = output(a, path, recursive, next);
    if (o) return o;
  }
  return '';
}

/** The header kubectl prints before the schema: GROUP (named groups only), KIND, VERSION and a blank line. */
export function header(group: string, kind: string, version: string): string {
  return `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${kind}\nVERSION:    ${version}\n\n`;
}
