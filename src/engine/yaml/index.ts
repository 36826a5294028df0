// The manifest reader: a file's text → the JSON documents kubectl would send, with positions.
export { readManifests } from './read-manifests.ts';
export type { ReadDocument, ReadError, ReadResult, SourcePos } from './types.ts';
