// Field errors as the API server reports them (apimachinery pkg/util/validation/field).
// A path is a list of segments; strings are struct fields (joined with '.'),
// numbers are list indices ([i]) and { key } are map keys ([key], unquoted).
import { goEscapeJSON } from '../schema/go-json-escape.ts';

export type PathSegment = string | number | { key: string };
export type FieldPath = readonly PathSegment[];

export type ErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'UnknownField'
  | 'NoKindMatch'
  | 'YAMLSyntax';

/** One problem with one document. `message` is the complete text kubectl shows for it. */
export interface FieldError {
  type: ErrorType;
  /** The path segments, used to find the source position; null when the error is not about a field. */
  path: FieldPath | null;
  /** The path as the API server prints it (`spec.template.spec.containers[0].image`), or null. */
  field: string | null;
  /** Everything after `<field>: `, as in a Status cause's `message`. */
  detail: string;
  /** The full line: `<field>: <detail>` for field errors, or the whole server/kubectl text otherwise. */
  message: string;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string') out += out === '' ? seg : `.${seg}`;
    else out += `[${seg.key}]`;
  }
  return out;
}

/**
 * A value to print in an error. Plain JS values are printed as the 1.34+ `ErrorBody` prints
 * Go values: numbers and booleans plainly, strings Go-quoted, everything else as JSON.
 * Use `asJSON` for values whose Go type is not exactly `string` (string enums, pointers, structs).
 */
export type Shown = { readonly rendered: string } | string | number | boolean | null | object;

export function asJSON(value: unknown): { rendered: string } {
  return { rendered: goJSON(value) };
}

/** Go's encoding/json: sorted map keys and <, >, & escaped. */
export function goJSON(value: unknown): string {
  const sorted = sortKeys(value);
  return goEscapeJSON(JSON.stringify(sorted) ?? 'null');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Go's %q for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function renderValue(value: Shown): string {
  if (value !== null && typeof value === 'object' && 'rendered' in value && typeof value.rendered === 'string') {
    return value.rendered;
  }
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJSON(value);
}

function make(type: ErrorType, path: FieldPath, detail: string): FieldError {
  const field = formatPath(path);
  return { type, path, field, detail, message: `${field}: ${detail}` };
}

function withDetail(head: string, detail?: string): string {
  return detail ? `${head}: ${detail}` : head;
}

export function required(path: FieldPath, detail?: string): FieldError {
  return make('FieldValueRequired', path, withDetail('Required value', detail));
}

export function forbidden(path: FieldPath, detail?: string): FieldError {
  return make('FieldValueForbidden', path, withDetail('Forbidden', detail));
}

export function invalid(path: FieldPath, value: Shown, detail?: string): FieldError {
  return make('FieldValueInvalid', path, withDetail(`Invalid value: ${renderValue(value)}`, detail));
}

/** Invalid with `field.OmitValueType{}`: no value shown. */
export function invalidNoValue(path: FieldPath, detail: string): FieldError {
  return make('FieldValueInvalid', path, `Invalid value: ${detail}`);
}

export function typeInvalid(path: FieldPath, value: Shown, detail?: string): FieldError {
  return make('FieldValueTypeInvalid', path, withDetail(`Invalid value: ${renderValue(value)}`, detail));
}

export function notSupported(path: FieldPath, value: Shown, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : undefined;
  return make('FieldValueNotSupported', path, withDetail(`Unsupported value: ${renderValue(value)}`, detail));
}

export function duplicate(path: FieldPath, value: Shown): FieldError {
  return make('FieldValueDuplicate', path, `Duplicate value: ${renderValue(value)}`);
}

export function notFound(path: FieldPath, value: Shown): FieldError {
  return make('FieldValueNotFound', path, `Not found: ${renderValue(value)}`);
}

export function tooLong(path: FieldPath, maxLength?: number): FieldError {
  const detail =
    maxLength === undefined
      ? 'value is too long'
      : `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`;
  return make('FieldValueTooLong', path, `Too long: ${detail}`);
}

export function tooMany(path: FieldPath, actual: number, max?: number): FieldError {
  const head = actual >= 0 ? `Too many: ${actual}` : 'Too many';
  const detail =
    max === undefined ? 'has too many items' : `must have at most ${max} ${max === 1 ? 'item' : 'items'}`;
  return make('FieldValueTooMany', path, `${head}: ${detail}`);
}

/** Errors that are not field errors (unknown fields, unknown kinds, YAML syntax). */
export function plain(type: ErrorType, message: string, path: FieldPath | null = null): FieldError {
  return { type, path, field: path ? formatPath(path) : null, detail: message, message };
}
