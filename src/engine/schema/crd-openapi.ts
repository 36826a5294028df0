// Schema validation of a custom resource as a 1.35 API server does it: kube-openapi's
// pkg/validation/validate (the CRD schema converted by apiextensions' ConvertJSONSchemaProps), with
// the results turned into field errors by kubeOpenAPIResultToFieldErrors. The texts:
// * type: `spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"`
//   (the value shown is the JSON type of the bad value);
// * required: `spec.x: Required value`; enum: `Unsupported value`; maxLength: `Too long`;
//   maxItems/maxProperties: `Too many`; everything else `Invalid value: <value>: <kube-openapi text>`;
// * anyOf/oneOf/allOf failures have no field: `: Invalid value: "": "spec.x" must validate …`.
// Facts of the conversion that matter:
// * formats other than date-time (and k8s-short-name/k8s-long-name) are dropped, so int32/int64
//   ranges are not enforced;
// * x-kubernetes-int-or-string sets `type: [integer, string]`; with the CRD's anyOf a float in a
//   quantity field fails three ways (type, anyOf, the best anyOf branch);
// * object fields holding null are dropped first unless nullable (structural defaulting), so only
//   null list items are type errors.
// kube-openapi iterates Go maps, so the API server's order among sibling fields varies from call
// to call; this walks fields in sorted order (properties, then required).
import { goQuote, invalid, notSupported, required, tooLong, tooMany, typeInvalid } from '../validate/field.ts';
import type { FieldError, Shown } from '../validate/field.ts';
import { at, compareCodePoints, goStrictPath, numberText, segmentsOf, sortedKeys } from './json-util.ts';
import type { Json, Loc } from './json-util.ts';
import type { SchemaNode } from './schemas.ts';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);
const SUPPORTED_FORMATS = new Set(['datetime', 'k8s-short-name', 'k8s-long-name']);

interface OpenAPIError {
  code: 'type' | 'required' | 'enum' | 'tooLong' | 'maxItems' | 'maxProperties' | 'other' | 'composite';
  loc: Loc | null;
  value: unknown;
  message: string;
  values?: unknown[];
  max?: number;
  actual?: number;
}

interface Result {
  errors: OpenAPIError[];
  matchCount: number;
}

/** Result.AddErrors: drops errors whose message is already there. */
function addErrors(r: Result, errs: readonly OpenAPIError[]): void {
  for (const e of errs) if (!r.errors.some((x) => x.message === e.message)) r.errors.push(e);
}

function merge(r: Result, other: Result | null): void {
  if (!other) return;
  addErrors(r, other.errors);
  r.matchCount += other.matchCount;
}

/** kube-openapi's Name for a location: the path string, `spec.a.b[0].c`. */
function nameOf(loc: Loc | null): string {
  return goStrictPath(segmentsOf(loc));
}

type DataKind = 'null' | 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

/** How the API server's unstructured decoding types a value: int64 when the JSON text is an integer. */
function dataKind(v: unknown): DataKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return 'integer';
    const text = numberText(v);
    if (/^-?\d+$/.test(text)) {
      const n = BigInt(text);
      if (n >= -(2n ** 63n) && n < 2n ** 63n) return 'integer';
    }
    return 'number';
  }
  return Array.isArray(v) ? 'array' : 'object';
}

/** kube-openapi's format name for the Go type of the value (schemaInfoForType). */
function dataFormat(kind: DataKind): string {
  return kind === 'integer' ? 'int64' : kind === 'number' ? 'float64' : '';
}

interface Facts {
  types: string[];
  format: string;
  order: string[];
}

const facts = new WeakMap<SchemaNode, Facts>();

/** The converted schema's type list, kept format and sorted property names. */
function factsOf(s: SchemaNode): Facts {
  let f = facts.get(s);
  if (!f) {
    const types = s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    const format = s.format && SUPPORTED_FORMATS.has(s.format.replaceAll('-', '')) ? s.format : '';
    f = { types, format, order: Object.keys(s.properties ?? {}).sort(compareCodePoints) };
    facts.set(s, f);
  }
  return f;
}

function typeError(loc: Loc | null, typeName: string, value: string): OpenAPIError {
  return { code: 'type', loc, value, message: `${nameOf(loc)} in body must be of type ${typeName}: ${goQuote(value)}` };
}

function other(loc: Loc | null, value: unknown, text: string): OpenAPIError {
  return { code: 'other', loc, value, message: `${nameOf(loc)} in body ${text}` };
}

function validateNode(data: unknown, s: SchemaNode, loc: Loc | null): Result {
  const r: Result = { errors: [], matchCount: 0 };
  const { types, format } = factsOf(s);
  const kind = dataKind(data);
  if (kind === 'null') {
    if (types.length > 0 && !types.includes('null') && !s.nullable) addErrors(r, [typeError(loc, types.join(','), 'null')]);
    addErrors(r, enumErrors(data, s, loc));
    return r;
  }
  if (types.length > 0 || format !== '') {
    addErrors(r, typeErrors(data, kind, types, format, loc));
    r.matchCount++;
  }
  merge(r, schemaProps(data, s, loc));
  r.matchCount++;
  if (kind === 'string') {
    addErrors(r, stringErrors(data as string, s, loc));
    r.matchCount++;
    if (format === 'date-time') {
      if (!isDateTime(data as string)) addErrors(r, [typeError(loc, format, data as string)]);
      r.matchCount++;
    }
  }
  if (kind === 'integer' || kind === 'number') {
    addErrors(r, numberErrors(data as number, kind, s, loc));
    r.matchCount++;
  }
  if (kind === 'array') {
    merge(r, sliceResult(data as unknown[], s, loc));
    r.matchCount++;
  }
  addErrors(r, enumErrors(data, s, loc));
  r.matchCount++;
  if (kind === 'object') {
    merge(r, objectResult(data as Json, s, loc));
    r.matchCount++;
  }
  r.matchCount++;
  return r;
}

/** typeValidator.Validate. */
function typeErrors(data: unknown, kind: DataKind, types: string[], format: string, loc: Loc | null): OpenAPIError[] {
  const isFloatInt = kind === 'number' && types.includes('integer') && Number.isInteger(Number(data)) && Math.abs(Number(data)) <= 2 ** 53;
  const isIntFloat = kind === 'integer' && types.includes('number');
  const stringOrSlice = kind === 'string' || kind === 'array';
  if (!stringOrSlice && format !== '' && !(types.includes(kind) || dataFormat(kind) === format || isFloatInt || isIntFloat)) {
    return [typeError(loc, format, dataFormat(kind))];
  }
  if (!(types.includes('number') || types.includes('integer')) && format !== '' && stringOrSlice) return [];
  if (!(types.includes(kind) || isFloatInt || isIntFloat)) return [typeError(loc, types.join(','), kind)];
  return [];
}

function composite(message: string): OpenAPIError {
  return { code: 'composite', loc: null, value: undefined, message };
}

/** schemaPropsValidator: anyOf keeps the best failing branch (highest match count). */
function schemaProps(data: unknown, s: SchemaNode, loc: Loc | null): Result | null {
  if (!s.anyOf && !s.oneOf && !s.allOf) return null;
  const main: Result = { errors: [], matchCount: 0 };
  const name = goQuote(nameOf(loc));
  if (s.anyOf?.length) {
    let best: Result | null = null;
    let success: Result | null = null;
    for (const sub of s.anyOf) {
      const res = validateNode(data, sub, loc);
      if (res.errors.length === 0) {
        success = res;
        best = null;
        break;
      }
      if (!best || res.matchCount > best.matchCount) best = res;
    }
    if (!success) addErrors(main, [composite(`${name} must validate at least one schema (anyOf)`)]);
    merge(main, best ?? success);
  }
  if (s.oneOf?.length) {
    let best: Result | null = null;
    let first: Result | null = null;
    let validated = 0;
    for (const sub of s.oneOf) {
      const res = validateNode(data, sub, loc);
      if (res.errors.length === 0) {
        validated++;
        best = null;
        first ??= res;
        continue;
      }
      if (validated === 0 && (!best || res.matchCount > best.matchCount)) best = res;
    }
    if (validated !== 1) {
      const more = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      addErrors(main, [composite(`${name} must validate one and only one schema (oneOf). ${more}`)]);
      merge(main, best);
    } else {
      merge(main, first);
    }
  }
  if (s.allOf?.length) {
    let validated = 0;
    for (const sub of s.allOf) {
      const res = validateNode(data, sub, loc);
      if (res.errors.length === 0) validated++;
      merge(main, res);
    }
    if (validated !== s.allOf.length) {
      addErrors(main, [composite(`${name} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`)]);
    }
  }
  main.matchCount++;
  return main;
}

function stringErrors(data: string, s: SchemaNode, loc: Loc | null): OpenAPIError[] {
  if (s.maxLength === undefined && s.minLength === undefined && s.pattern === undefined) return [];
  const runes = [...data].length;
  if (s.maxLength !== undefined && runes > s.maxLength) {
    return [{ code: 'tooLong', loc, value: data, max: s.maxLength, message: `${nameOf(loc)} in body should be at most ${s.maxLength} chars long` }];
  }
  if (s.minLength !== undefined && runes < s.minLength) return [other(loc, data, `should be at least ${s.minLength} chars long`)];
  if (s.pattern !== undefined && !patternOf(s.pattern).test(data)) return [other(loc, data, `should match '${s.pattern}'`)];
  return [];
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function numberErrors(n: number, kind: DataKind, s: SchemaNode, loc: Loc | null): OpenAPIError[] {
  const out: OpenAPIError[] = [];
  const v = Number(n);
  // Integer data is compared (and the bound printed) as int64 when the bound is integral.
  const bound = (b: number): string => (kind === 'integer' && Number.isInteger(b) ? String(b) : goFloat(b));
  if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
    out.push(other(loc, n, `should be a multiple of ${bound(s.multipleOf)}`));
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
    out.push(other(loc, n, `should be ${s.exclusiveMinimum ? 'greater than' : 'greater than or equal to'} ${bound(s.minimum)}`));
  }
  if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
    out.push(other(loc, n, `should be ${s.exclusiveMaximum ? 'less than' : 'less than or equal to'} ${bound(s.maximum)}`));
  }
  return out;
}

function sliceResult(data: unknown[], s: SchemaNode, loc: Loc | null): Result {
  const r: Result = { errors: [], matchCount: 0 };
  if (s.items) for (let i = 0; i < data.length; i++) merge(r, validateNode(data[i], s.items, at(loc, i)));
  if (s.minItems !== undefined && data.length < s.minItems) {
    addErrors(r, [other(loc, data.length, `should have at least ${s.minItems} items`)]);
  }
  if (s.maxItems !== undefined && data.length > s.maxItems) {
    const message = `${nameOf(loc)} in body should have at most ${s.maxItems} items`;
    addErrors(r, [{ code: 'maxItems', loc, value: data.length, actual: data.length, max: s.maxItems, message }]);
  }
  if (s.uniqueItems && new Set(data.map((v) => JSON.stringify(v))).size !== data.length) {
    addErrors(r, [other(loc, data, "shouldn't contain duplicates")]);
  }
  r.matchCount++;
  return r;
}

function apSchema(s: SchemaNode): SchemaNode | undefined {
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** objectValidator: additional properties, then properties, then required. */
function objectResult(data: Json, s: SchemaNode, loc: Loc | null): Result {
  const r: Result = { errors: [], matchCount: 0 };
  const ap = apSchema(s);
  // Null fields that are not nullable were dropped before validation (a default would replace them).
  const live = new Set<string>();
  for (const k of Object.keys(data)) {
    const fieldSchema = s.properties?.[k] ?? ap;
    if (data[k] !== null || fieldSchema?.nullable) live.add(k);
  }
  if (s.minProperties !== undefined && live.size < s.minProperties) {
    addErrors(r, [other(loc, live.size, `should have at least ${s.minProperties} properties`)]);
  }
  if (s.maxProperties !== undefined && live.size > s.maxProperties) {
    const message = `${nameOf(loc)} in body should have at most ${s.maxProperties} properties`;
    addErrors(r, [{ code: 'maxProperties', loc, value: live.size, actual: live.size, max: s.maxProperties, message }]);
  }
  if (ap) {
    for (const k of sortedKeys(data)) {
      if (live.has(k) && !s.properties?.[k]) merge(r, validateNode(data[k], ap, at(loc, { key: k })));
    }
  }
  for (const k of factsOf(s).order) {
    if (live.has(k)) merge(r, validateNode(data[k], s.properties![k], at(loc, k)));
  }
  for (const k of s.required ?? []) {
    if (!live.has(k) && s.properties?.[k]?.default === undefined) {
      addErrors(r, [{ code: 'required', loc: at(loc, k), value: undefined, message: `${nameOf(at(loc, k))} in body is required` }]);
    }
  }
  return r;
}

function enumErrors(data: unknown, s: SchemaNode, loc: Loc | null): OpenAPIError[] {
  if (!s.enum?.length) return [];
  const key = JSON.stringify(data ?? null);
  if (s.enum.some((e) => JSON.stringify(e) === key)) return [];
  const list = s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  return [{ code: 'enum', loc, value: data, values: s.enum, message: `${nameOf(loc)} in body should be one of [${list.join(' ')}]` }];
}

/** strfmt's date-time: RFC 3339 date-times as go-openapi accepts them. */
function isDateTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(s);
}

/** Go's %v for a float64: shortest digits, exponent form below 1e-4 or from 1e+06 (strconv 'g', -1). */
export function goFloat(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/**
 * Schema errors of a custom resource, as field errors in the API server's words. `root` is the kind's
 * schema; apiVersion, kind and metadata are left out (the caller checks them), and so is `status`
 * when the CRD has a status subresource (create drops it before validating).
 */
export function validateCustomResource(value: Json, root: SchemaNode, dropStatus: boolean): FieldError[] {
  const body: Json = {};
  for (const k of Object.keys(value)) {
    if (META_FIELDS.has(k) || (dropStatus && k === 'status')) continue;
    body[k] = value[k];
  }
  return validateNode(body, served(root), null).errors.map(toFieldError);
}

const servedSchemas = new WeakMap<SchemaNode, SchemaNode>();

/** The root as the CRD serves it: without the apiVersion/kind/metadata this lab adds or replaces. */
function served(root: SchemaNode): SchemaNode {
  let s = servedSchemas.get(root);
  if (!s) {
    const properties: Record<string, SchemaNode> = {};
    for (const [k, v] of Object.entries(root.properties ?? {})) if (!META_FIELDS.has(k)) properties[k] = v;
    s = { type: 'object', properties, required: (root.required ?? []).filter((k) => !META_FIELDS.has(k)) };
    servedSchemas.set(root, s);
  }
  return s;
}

function toFieldError(e: OpenAPIError): FieldError {
  const path = segmentsOf(e.loc);
  let err: FieldError;
  switch (e.code) {
    case 'required':
      err = required(path);
      break;
    case 'enum':
      err = notSupported(path, shown(e.value), (e.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))));
      break;
    case 'tooLong':
      err = tooLong(path, e.max);
      break;
    case 'maxItems':
    case 'maxProperties':
      err = tooMany(path, e.actual ?? -1, e.max);
      break;
    case 'type':
      err = typeInvalid(path, shown(e.value ?? ''), e.message);
      break;
    case 'composite':
      return invalid([], '', e.message);
    default:
      err = invalid(path, shown(e.value ?? ''), e.message);
  }
  // kube-openapi names map keys with dots (`spec.tfReplicaSpecs.Worker`), and so does the field.
  const field = goStrictPath(path);
  return { ...err, field, message: `${field}: ${err.detail}` };
}

/** A value as the API server's error body prints an unstructured value (%v for float64). */
function shown(v: unknown): Shown {
  if (typeof v === 'bigint') return { rendered: v.toString() };
  if (typeof v === 'number' && dataKind(v) === 'number') return { rendered: goFloat(v) };
  return v as Shown;
}

