// How Go prints the values of an unstructured object (map[string]interface{} decoded from JSON: maps, slices,
// strings, int64 for whole numbers, float64 otherwise, bools, nil), for kubectl's jsonpath and custom-columns
// printers: fmt's %v (fmt.Sprint), %#v (Go syntax, in jsonpath error dumps) and encoding/json's compact
// Marshal. fmt and encoding/json both sort map keys.
import { compareBytes } from './json.ts';
import { goEscapeJSON } from '../../schema/go-json-escape.ts';

/** A byte of a string, which JSONPath's `[*]` over a string yields (Go uint8). */
export class GoByte {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** A float64 written as a number literal in a template (`[?(@.x==1.0)]`): a float even when whole. */
export class GoFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

export type GoValue = null | boolean | number | string | GoByte | GoFloat | GoValue[] | { [key: string]: GoValue };

export const isMap = (v: unknown): v is Record<string, GoValue> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoByte) && !(v instanceof GoFloat);

const sortedKeys = (o: Record<string, unknown>): string[] => Object.keys(o).sort(compareBytes);

/** Go's reflect type name of an unstructured value (`map[string]interface {}`, `[]interface {}`, `int64` …). */
export function goTypeName(v: GoValue): string {
  if (v === null) return 'interface {}';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoByte) return 'uint8';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int64' : 'float64';
}

/** strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses for float64. */
export function goFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // shortest precision: %e when the exponent is < -4 or >= 6 (strconv ftoa.go, eprec = 6)
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  return String(f);
}

/** A number as fmt prints an int64 or float64. */
function goNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : goFloatG(n);
}

/** fmt.Sprint (%v). */
export function goSprint(v: GoValue): string {
  if (v === null) return '<nil>';
  if (v instanceof GoByte) return String(v.value);
  if (v instanceof GoFloat) return goFloatG(v.value);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') return `map[${sortedKeys(v).map((k) => `${k}:${goSprint(v[k]!)}`).join(' ')}]`;
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** strconv.Quote: Go's double-quoted string with escapes (printable non-ASCII runes are kept). */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(c)) out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** %#v of a value held in an interface{} (map values, slice elements, the object itself). */
export function goSharpV(v: GoValue): string {
  if (v === null) return 'interface {}(nil)';
  if (v instanceof GoByte) return `0x${v.value.toString(16)}`;
  if (v instanceof GoFloat) return goFloatG(v.value);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (typeof v === 'object') return `map[string]interface {}{${sortedKeys(v).map((k) => `${goQuote(k)}:${goSharpV(v[k]!)}`).join(', ')}}`;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** encoding/json string quoting: HTML characters and U+2028/U+2029 escaped as \u00XX. */
function jsonQuote(s: string): string {
  return goEscapeJSON(JSON.stringify(s));
}

/** json.Marshal (compact). */
export function goJSONCompact(v: GoValue): string {
  if (v === null) return 'null';
  if (v instanceof GoByte || v instanceof GoFloat) return String(v.value);
  if (Array.isArray(v)) return `[${v.map(goJSONCompact).join(',')}]`;
  if (typeof v === 'object') return `{${sortedKeys(v).map((k) => `${jsonQuote(k)}:${goJSONCompact(v[k]!)}`).join(',')}}`;
  if (typeof v === 'string') return jsonQuote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return String(v);
}
