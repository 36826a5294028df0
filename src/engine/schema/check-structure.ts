// Structural checks of one document whose kind is resolved, in the order and words of kubectl 1.35
// and a 1.35 API server (kubectl's default --validate=strict, i.e. fieldValidation=Strict):
//
// kubectl's own order for one document is: apiVersion/kind validation, decoding (empty kind), the
// metadata decoding below, the REST mapping (all in kinds.ts `resolveKind` except the metadata step,
// which `checkMetadataDecoding` offers on its own), then the request.
//
// 1. `client` (kubectl, before any request; cli-runtime metadataValidatingDecoder): the document is
//    decoded into {apiVersion, kind, metadata: ObjectMeta}; a type error there is
//    `json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string`,
//    printed as `error: unable to decode "F": <message>`. Done for every kind, CRs included.
// 2. Built-in kinds, server decoding (400 BadRequest, see go-decode.ts): one `decode` error
//    (`Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal …`), or
//    else one `strict` error per unknown field, joined by `formatStrictDecodingError`.
// 3. Custom resources: unknown fields in metadata and everything the structural schema prunes are
//    `strict` errors (400, same joined form); otherwise schema validation gives `validation` errors
//    (422 Invalid, printed `The TFJob "x" is invalid: …` by the caller). ObjectMeta validation
//    (names, labels) is not done here; the API server reports it before these.
import { goQuote, plain } from '../validate/field.ts';
import type { ErrorType, FieldError, PathSegment } from '../validate/field.ts';
import { validateCustomResource } from './crd-openapi.ts';
import { prunedFields } from './crd-prune.ts';
import { validateListTypes, validateScaleSpec } from './crd-subresources.ts';
import { decodeTyped, metadataOnlyType, OBJECT_META, structType } from './go-decode.ts';
import type { DecodeProblem, GoType, NumberTextAt } from './go-decode.ts';
import { isObject } from './json-util.ts';
import type { Json } from './json-util.ts';
import type { KindEntry } from './kinds.ts';
import { kindSchema } from './schemas.ts';
import type { SchemaNode } from './schemas.ts';

export type StructureStage = 'client' | 'decode' | 'strict' | 'validation';

export interface StructureError extends FieldError {
  /** Which step reported it (see the header); errors of one call all share a stage. */
  stage: StructureStage;
}

const rootTypes = new Map<string, GoType>();

function rootType(entry: KindEntry): GoType {
  let t = rootTypes.get(entry.kind);
  if (!t) {
    t = structType(entry.definition!, kindSchema(entry.kind)!);
    rootTypes.set(entry.kind, t);
  }
  return t;
}

function problemError(type: ErrorType, stage: StructureStage, problem: DecodeProblem, detail: string, message: string): StructureError {
  const path: PathSegment[] = problem.path;
  return { ...plain(type, message, path), detail, stage };
}

/** `<Kind> in version "<v>" cannot be handled as a <Kind>: ` (apiserver transformDecodeError). */
export function decodeErrorPrefix(entry: KindEntry): string {
  return `${entry.kind} in version ${goQuote(entry.version)} cannot be handled as a ${entry.kind}: `;
}

/**
 * kubectl's client-side metadata decoding (step 1), on its own: kubectl does it before resolving
 * the kind, so a caller may need it first. The message is Go's error text.
 */
export function checkMetadataDecoding(document: unknown, options: CheckOptions = {}): StructureError | null {
  const r = decodeTyped(metadataOnlyType(), document, false, [], options.numberText);
  if (!r.error) return null;
  return problemError('FieldValueTypeInvalid', 'client', r.error, r.error.message, r.error.message);
}

export interface CheckOptions {
  /**
   * The exact JSON text of the number at a document path, for integers beyond 2^53 (pass the
   * YAML reader's `ReadDocument.numberText`). Without it, numbers print as JavaScript holds them.
   */
  numberText?: NumberTextAt;
}

/** Checks one document (a parsed JSON value) of a resolved kind. Empty when it passes. */
export function checkStructure(entry: KindEntry, value: unknown, options: CheckOptions = {}): StructureError[] {
  if (value === null || value === undefined) return []; // kubectl skips empty documents
  if (!isObject(value)) {
    // kubectl's unstructured decoding refuses it before anything else (normally the reader's job).
    const kind = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : 'number';
    const message = `json: cannot unmarshal ${kind} into Go value of type unstructured.detector`;
    return [{ ...plain('FieldValueTypeInvalid', message, []), stage: 'client' }];
  }
  const client = checkMetadataDecoding(value, options);
  if (client) return [client];
  return entry.source === 'builtin' ? checkBuiltin(entry, value, options) : checkCustomResource(entry, value);
}

function checkBuiltin(entry: KindEntry, value: Json, options: CheckOptions): StructureError[] {
  const r = decodeTyped(rootType(entry), value, true, [], options.numberText);
  if (r.error) {
    return [problemError('FieldValueTypeInvalid', 'decode', r.error, r.error.message, decodeErrorPrefix(entry) + r.error.message)];
  }
  // strictError.Error(): `unknown field ` + strconv.Quote(path)
  return r.unknown.map((u) => unknownField(u.path, u.message, `unknown field ${goQuote(u.message)}`));
}

/** `field` is the path as the server prints it (map keys as `.key`); `path` locates the field. */
function unknownField(path: PathSegment[], field: string, message: string): StructureError {
  return { ...plain('UnknownField', message, path), field, stage: 'strict' };
}

function checkCustomResource(entry: KindEntry, value: Json): StructureError[] {
  const schema = kindSchema(entry.kind) as SchemaNode;
  // apiextensions formats these with `unknown field "%s"` (no Go quoting).
  const unknown: StructureError[] = [];
  if (isObject(value.metadata)) {
    const meta = decodeTyped(structType(OBJECT_META), value.metadata, true, ['metadata']);
    for (const u of meta.unknown) unknown.push(unknownField(u.path, u.message, `unknown field "${u.message}"`));
  }
  for (const u of prunedFields(value, schema)) unknown.push(unknownField(u.path, u.name, `unknown field "${u.name}"`));
  if (unknown.length > 0) return unknown;

  const dropStatus = entry.statusSubresource === true;
  const errors = [
    ...validateCustomResource(value, schema, dropStatus),
    ...(entry.specReplicasPath ? validateScaleSpec(value, entry.specReplicasPath) : []),
    ...validateListTypes(value, schema, dropStatus),
  ];
  return errors.map((e) => ({ ...e, stage: 'validation' }));
}

/**
 * The API server's 400 message for a decoding failure, as kubectl prints it after
 * `Error from server (BadRequest): error when creating "F": `:
 * `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.a", unknown field "spec.b"`.
 * Takes the `strict` errors of one document (or a `decode` error, whose message is already whole).
 */
export function formatStrictDecodingError(entry: KindEntry, errors: readonly FieldError[]): string {
  const decode = errors.find((e) => (e as StructureError).stage === 'decode');
  if (decode) return decode.message;
  return `${decodeErrorPrefix(entry)}strict decoding error: ${errors.map((e) => e.message).join(', ')}`;
}
