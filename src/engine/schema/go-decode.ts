// The API server's typed JSON decoding of built-in kinds, reduced to its errors.
//
// The server decodes a request body into the kind's Go struct with sigs.k8s.io/json (a fork of
// encoding/json: case-sensitive field names; in strict mode it also collects unknown fields). What it
// reports, and in which order, follows from that decoder:
// * kubectl sends the object as Go's encoding/json writes a map: keys sorted at every level. The
//   decoder walks in that order.
// * A JSON value of the wrong type for its Go field is recorded (only the first one is kept) and
//   decoding goes on: `json: cannot unmarshal <string|bool|number|number 1.5|object|array> into Go
//   struct field <Struct>.<json path without indices> of type <go type>`, where <Struct> is the
//   innermost Go struct and the path runs from the root through struct fields only.
// * A type with its own UnmarshalJSON (Quantity, IntOrString, Time, MicroTime) that fails stops
//   decoding at once, and that error wins over a recorded one. IntOrString and Time fail with an
//   encoding/json type error, which gets the same struct/field context as above.
// * Unknown fields (`unknown field "spec.template.spec.containers[0].cmmand"`: indices and map keys
//   included) count only if decoding succeeded otherwise. They are de-duplicated, at most 100.
// * null is accepted everywhere (pointers, maps and slices become nil, other values are left alone).
import type { PathSegment } from '../validate/field.ts';
import { GO_FIELD_TYPES } from './go-types.ts';
import { goStrictPath, isObject, numberText, sortedKeys } from './json-util.ts';
import { goTimeParseError, RFC3339, RFC3339_MICRO } from './go-time.ts';
import { quantityError } from './quantity.ts';
import { definitions, resolveNode } from './schemas.ts';
import type { SchemaNode } from './schemas.ts';
import { goEscapeJSON } from './go-json-escape.ts';

export type GoType =
  | { readonly kind: 'struct'; readonly name: string; readonly go: string; fields(): ReadonlyMap<string, GoType> }
  | { readonly kind: 'string' | 'bool' | 'int32' | 'int64' | 'uint8' | 'float64'; readonly go: string }
  | { readonly kind: 'bytes'; readonly go: string }
  | { readonly kind: 'slice' | 'map'; readonly go: string; readonly elem: GoType }
  | { readonly kind: 'quantity' | 'intstr' | 'raw'; readonly go: string }
  | { readonly kind: 'time'; readonly go: string; readonly layout: string };

/** One problem, with the path of the offending value (indices and map keys included). */
export interface DecodeProblem {
  /** Go's error text (`json: cannot unmarshal …`), or the unknown field's path for strict errors. */
  message: string;
  path: PathSegment[];
}

export interface DecodeResult {
  /** The error that makes decoding fail, if any. */
  error: DecodeProblem | null;
  /** Unknown fields in document order (when decoding succeeded and `strict` was set); message = Go's path. */
  unknown: DecodeProblem[];
}

const SPECIAL: Record<string, GoType> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { kind: 'quantity', go: 'resource.Quantity' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { kind: 'intstr', go: 'intstr.IntOrString' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { kind: 'time', go: 'v1.Time', layout: RFC3339 },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { kind: 'time', go: 'v1.MicroTime', layout: RFC3339_MICRO },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { kind: 'raw', go: 'v1.FieldsV1' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { kind: 'raw', go: 'runtime.RawExtension' },
};

const structCache = new Map<string, GoType>();

/** The Go struct for a definition (or a kind's top-level schema), with lazily built fields. */
export function structType(definition: string, schema: SchemaNode = definitions[definition]): GoType {
  const cached = structCache.get(definition);
  if (cached) return cached;
  const name = definition.slice(definition.lastIndexOf('.') + 1);
  let fields: Map<string, GoType> | null = null;
  const t: GoType = {
    kind: 'struct',
    name,
    go: goName(definition),
    fields() {
      if (!fields) {
        fields = new Map();
        const overrides = GO_FIELD_TYPES[definition] ?? {};
        for (const [key, prop] of Object.entries(schema.properties ?? {})) fields.set(key, typeOf(prop, overrides[key]));
      }
      return fields;
    },
  };
  structCache.set(definition, t);
  return t;
}

/** `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec` (reflect's package-qualified name). */
function goName(definition: string): string {
  const parts = definition.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function typeOf(node: SchemaNode, override: string | undefined): GoType {
  const { schema, definition } = resolveNode(node);
  if (definition) {
    const special = SPECIAL[definition];
    if (special) return special;
    if (!schema.properties) throw new Error(`${definition}: no decoding rule`);
    return structType(definition);
  }
  switch (schema.type) {
    case 'array': {
      const elem = typeOf(schema.items!, override?.startsWith('[]') ? override.slice(2) : undefined);
      return { kind: 'slice', elem, go: override ?? `[]${elem.go}` };
    }
    case 'object': {
      const ap = schema.additionalProperties;
      if (!ap || typeof ap !== 'object') return { kind: 'raw', go: override ?? 'map[string]interface {}' };
      const m = override ? /^map\[[^\]]+\](.+)$/.exec(override) : null;
      const elem = typeOf(ap, m ? m[1] : undefined);
      return { kind: 'map', elem, go: override ?? `map[string]${elem.go}` };
    }
    case 'string':
      if (schema.format === 'byte') return { kind: 'bytes', go: '[]uint8' };
      return { kind: 'string', go: override ?? 'string' };
    case 'boolean':
      return { kind: 'bool', go: override ?? 'bool' };
    case 'integer':
      if (schema.format === 'int32') return { kind: 'int32', go: override ?? 'int32' };
      return { kind: 'int64', go: override ?? 'int64' };
    case 'number':
      return { kind: 'float64', go: override ?? 'float64' };
    default:
      throw new Error(`no decoding rule for ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

/** What kubectl decodes every document's metadata into, client-side (cli-runtime metadataOnlyObject). */
export function metadataOnlyType(): GoType {
  const cached = structCache.get('metadataOnlyObject');
  if (cached) return cached;
  const fields = new Map<string, GoType>([
    ['apiVersion', { kind: 'string', go: 'string' }],
    ['kind', { kind: 'string', go: 'string' }],
    ['metadata', structType(OBJECT_META)],
  ]);
  const t: GoType = { kind: 'struct', name: 'metadataOnlyObject', go: 'resource.metadataOnlyObject', fields: () => fields };
  structCache.set('metadataOnlyObject', t);
  return t;
}

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// ---------------------------------------------------------------------------------------------

class Fatal {
  problem: DecodeProblem;
  constructor(problem: DecodeProblem) {
    this.problem = problem;
  }
}

const MAX_STRICT_ERRORS = 100;

/** The exact JSON text of the number at a document path, when the reader kept it (beyond 2^53). */
export type NumberTextAt = (path: readonly (string | number)[]) => string | undefined;

class Decoder {
  readonly strict: boolean;
  readonly numberTextAt: NumberTextAt | undefined;
  fieldStack: string[] = [];
  struct: string | null = null;
  path: PathSegment[] = [];
  saved: DecodeProblem | null = null;
  unknown: DecodeProblem[] = [];
  seen = new Set<string>();

  constructor(strict: boolean, prefix: readonly PathSegment[], numberTextAt: NumberTextAt | undefined) {
    this.strict = strict;
    this.path = [...prefix];
    this.numberTextAt = numberTextAt;
  }

  numberText(v: number | bigint): string {
    const exact = this.numberTextAt?.(this.path.map((seg) => (typeof seg === 'object' ? seg.key : seg)));
    return exact ?? numberText(v);
  }

  typeError(value: string, go: string): string {
    return this.struct !== null || this.fieldStack.length > 0
      ? `json: cannot unmarshal ${value} into Go struct field ${this.struct ?? ''}.${this.fieldStack.join('.')} of type ${go}`
      : `json: cannot unmarshal ${value} into Go value of type ${go}`;
  }

  save(message: string): void {
    if (!this.saved) this.saved = { message, path: [...this.path] };
  }

  fatal(message: string): never {
    throw new Fatal({ message, path: [...this.path] });
  }

  decode(v: unknown, t: GoType): void {
    if (v === null || v === undefined) return;
    switch (t.kind) {
      case 'raw':
        return;
      case 'struct':
        if (isObject(v)) return this.struct_(v, t);
        return this.save(this.typeError(jsonKind(v), t.go));
      case 'map':
        if (!isObject(v)) return this.save(this.typeError(jsonKind(v), t.go));
        for (const key of sortedKeys(v)) {
          this.path.push({ key });
          this.decode(v[key], t.elem);
          this.path.pop();
        }
        return;
      case 'slice':
      case 'bytes':
        if (Array.isArray(v)) {
          const elem: GoType = t.kind === 'slice' ? t.elem : { kind: 'uint8', go: 'uint8' };
          for (let i = 0; i < v.length; i++) {
            this.path.push(i);
            this.decode(v[i], elem);
            this.path.pop();
          }
          return;
        }
        if (t.kind === 'bytes' && typeof v === 'string') {
          const bad = base64Error(v);
          if (bad !== null) this.save(`illegal base64 data at input byte ${bad}`);
          return;
        }
        return this.save(this.typeError(jsonKind(v), t.go));
      case 'string':
        if (typeof v !== 'string') this.save(this.typeError(jsonKind(v), t.go));
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.save(this.typeError(jsonKind(v), t.go));
        return;
      case 'int32':
      case 'int64':
      case 'uint8':
        if (typeof v === 'number' || typeof v === 'bigint') {
          const text = this.numberText(v);
          if (!fitsInteger(text, t.kind)) this.save(this.typeError(`number ${text}`, t.go));
        } else {
          this.save(this.typeError(jsonKind(v), t.go));
        }
        return;
      case 'float64':
        if (typeof v !== 'number' && typeof v !== 'bigint') this.save(this.typeError(jsonKind(v), t.go));
        return;
      case 'quantity': {
        // Quantity.UnmarshalJSON: strip the quotes of a JSON string (escapes stay), trim, parse.
        let raw = typeof v === 'number' || typeof v === 'bigint' ? this.numberText(v) : rawJSON(v);
        if (raw.length >= 2 && raw[0] === '"' && raw[raw.length - 1] === '"') raw = raw.slice(1, -1);
        const err = quantityError(goTrimSpace(raw));
        if (err) this.fatal(err);
        return;
      }
      case 'intstr':
        // IntOrString.UnmarshalJSON: a JSON string is the string; anything else is decoded as int32.
        if (typeof v === 'string') return;
        if (typeof v === 'number' || typeof v === 'bigint') {
          const text = this.numberText(v);
          if (!fitsInteger(text, 'int32')) this.fatal(this.typeError(`number ${text}`, 'int32'));
          return;
        }
        this.fatal(this.typeError(jsonKind(v), 'int32'));
        return;
      case 'time': {
        // Time.UnmarshalJSON: a JSON string parsed with time.Parse; anything else fails as a string.
        if (typeof v !== 'string') this.fatal(this.typeError(jsonKind(v), 'string'));
        const err = goTimeParseError(t.layout, v as string);
        if (err) this.fatal(err);
        return;
      }
    }
  }

  struct_(v: Record<string, unknown>, t: GoType & { kind: 'struct' }): void {
    const fields = t.fields();
    for (const key of sortedKeys(v)) {
      const field = fields.get(key);
      if (!field) {
        if (this.strict) this.recordUnknown(key);
        continue;
      }
      const outerStruct = this.struct;
      this.fieldStack.push(key);
      this.struct = t.name;
      this.path.push(key);
      this.decode(v[key], field);
      this.path.pop();
      this.struct = outerStruct;
      this.fieldStack.pop();
    }
  }

  recordUnknown(key: string): void {
    if (this.unknown.length >= MAX_STRICT_ERRORS) return;
    const path = [...this.path, key];
    const message = goStrictPath(path);
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.unknown.push({ message, path });
  }
}

/**
 * Decodes `value` into `type` the way the API server does.
 * `prefix` is the subtree's path in the document (for decoding `metadata` alone); it starts every
 * reported path. `numberTextAt` gives exact literals of integers beyond 2^53 (the YAML reader's
 * `ReadDocument.numberText`); bigint values are exact too.
 */
export function decodeTyped(
  type: GoType,
  value: unknown,
  strict: boolean,
  prefix: readonly PathSegment[] = [],
  numberTextAt?: NumberTextAt,
): DecodeResult {
  const d = new Decoder(strict, prefix, numberTextAt);
  try {
    d.decode(value, type);
  } catch (e) {
    if (e instanceof Fatal) return { error: e.problem, unknown: [] };
    throw e;
  }
  if (d.saved) return { error: d.saved, unknown: [] };
  return { error: null, unknown: d.unknown };
}

// ---------------------------------------------------------------------------------------------

/** The word encoding/json uses for a JSON value that does not fit. */
function jsonKind(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const LIMITS = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
} as const;

/** strconv.ParseInt/ParseUint(text, 10, 64) succeeds and the value fits the Go type. */
function fitsInteger(text: string, kind: 'int32' | 'int64' | 'uint8'): boolean {
  if (!(kind === 'uint8' ? /^\d+$/ : /^-?\d+$/).test(text)) return false;
  const n = BigInt(text);
  const [lo, hi] = LIMITS[kind];
  return n >= lo && n <= hi;
}

/** Compact JSON as Go's encoding/json would write the value (sorted keys, <>& escaped). */
function rawJSON(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  return goEscapeJSON(JSON.stringify(v, (_k, x: unknown) => (isObject(x) ? Object.fromEntries(sortedKeys(x).map((k) => [k, x[k]])) : x)) ?? 'null');
}

// unicode.IsSpace, for strings.TrimSpace.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

/** Go's base64.StdEncoding.Decode (decodeQuantum): offset of the first bad byte, or null. */
function base64Error(s: string): number | null {
  const src = new TextEncoder().encode(s);
  const isNewline = (c: number): boolean => c === 0x0a || c === 0x0d;
  const isAlphabet = (c: number): boolean =>
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) return j === 0 ? null : si - j;
      const c = src[si++];
      if (isAlphabet(c)) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d || j < 2) return si - 1;
      // Padding: "==" after two characters, "=" after three, then only newlines.
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? si : null;
    }
  }
}
