// JSON values as Go's encoding/json + apimachinery util/json hold them for patching: maps, slices, strings,
// numbers, booleans and nil, compared with reflect semantics (type first, then value).
import { goEscapeJSON } from '../../schema/go-json-escape.ts';
export type JsonMap = Record<string, unknown>;

export type GoKind = 'nil' | 'map' | 'slice' | 'string' | 'int' | 'float' | 'bool';

/** reflect.TypeOf: util/json decodes integral numbers as int64 and the rest as float64. */
export function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'bool';
}

export function isMap(v: unknown): v is JsonMap {
  return goKind(v) === 'map';
}

/** reflect.DeepEqual on JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const ka = goKind(a);
  if (ka !== goKind(b)) return false;
  if (ka === 'slice') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => jsonEqual(v, y[i]));
  }
  if (ka === 'map') {
    const x = a as JsonMap;
    const y = b as JsonMap;
    const kx = Object.keys(x);
    return kx.length === Object.keys(y).length && kx.every((k) => k in y && jsonEqual(x[k], y[k]));
  }
  if (ka === 'nil') return true;
  return a === b;
}

/** Go interface equality for scalars (`==` on interface{} values holding comparable types). */
export function scalarEqual(a: unknown, b: unknown): boolean {
  return goKind(a) === goKind(b) && (a === b || (a == null && b == null));
}

/** fmt.Sprintf("%v", v) for the scalars merge keys and primitive lists hold. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** %v of a float64: strconv.FormatFloat(f, 'g', -1, 64) with Go's exponent form (e+21, e-07). */
function formatFloat(f: number): string {
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = f.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

export function deepCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * json.Marshal of an unstructured value (map keys sorted, `<`, `>`, `&`, U+2028, U+2029 escaped), without
 * the newline the encoder adds.
 */
export function goMarshal(v: unknown): string {
  return goEscapeJSON(marshal(v));
}

function marshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(marshal).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as JsonMap;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${marshal(o[k])}`).join(',')}}`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : goFloat(v)) : 'null';
  return JSON.stringify(v);
}

/** encoding/json's float64 text: like JS, but exponents below 1e-6 and from 1e21 as Go writes them. */
function goFloat(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const [m, e] = f.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}
