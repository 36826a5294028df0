// Public entry of the schema module: kinds, structural checks, schemas for editors and explain.
export { KINDS, kindForResource, kindNamed, missingKindMessage, noKindMatchMessage, parseGroupVersion, resolveKind, resourceMappingNotFound, STOP_VALIDATE_MESSAGE } from './kinds.ts';
export type { KindEntry, KindInfo, ResolveResult } from './kinds.ts';
export { checkMetadataDecoding, checkStructure, decodeErrorPrefix, formatStrictDecodingError } from './check-structure.ts';
export type { CheckOptions, StructureError, StructureStage } from './check-structure.ts';
export { definitions, descriptionAt, fieldAt, kindSchema, schemaFor, schemaKinds } from './schemas.ts';
export type { FieldInfo, SchemaNode } from './schemas.ts';
