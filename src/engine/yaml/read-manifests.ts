// `kubectl apply|create -f FILE` up to the objects it would send: JSON-or-YAML sniffing, the
// line-based `---` split, go-yaml v2 per chunk, sigs.k8s.io/yaml's JSON conversion, and the
// unstructured decode that rejects non-objects and objects without a kind (reference §8).
import { composeChunk } from './compose.ts';
import { refusedCharacter } from './control-chars.ts';
import { ChunkDecoder } from './decode.ts';
import { goCompactJSON } from './go-json.ts';
import { JsonStream } from './json-stream.ts';
import { findEntry, LineTable, type PosEntry } from './positions.ts';
import { isSeparatorError, splitChunks, type Chunk } from './split-documents.ts';
import { ChunkError } from './syntax-error.ts';
import type { ReadDocument, ReadError, ReadResult, SourcePos } from './types.ts';

/** GuessJSONStream looks at this many bytes for a leading `{`. */
const JSON_SNIFF_BYTES = 4096;

function isGoSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function utf8Width(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
}

/** The stream is JSON when its first non-space character within 4096 bytes is `{`. */
function looksLikeJSON(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < JSON_SNIFF_BYTES; i++) {
    const c = text.charCodeAt(i);
    if (!isGoSpace(c)) return c === 123;
    bytes += utf8Width(c);
  }
  return false;
}

function utf8Offset(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) n += utf8Width(text.charCodeAt(i));
  return n;
}

/** How kubectl names the JSON type of a value that is not an object. */
function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

interface Source {
  index: number;
  start: number;
  value: unknown;
  entry: PosEntry;
  /** The bytes kubectl decodes: the raw JSON text, or null to print the value compactly. */
  raw: string | null;
  numberError: string | null;
}

class Reader {
  private readonly text: string;
  private readonly lines: LineTable;
  readonly documents: ReadDocument[] = [];
  readonly errors: ReadError[] = [];

  constructor(text: string) {
    this.text = text;
    this.lines = new LineTable(text);
  }

  private error(document: number, message: string, offset: number, stage: ReadError['stage']): void {
    const p = this.lines.pos(offset);
    this.errors.push({ document, message, line: p.line, column: p.column, stage });
  }

  run(): void {
    if (looksLikeJSON(this.text)) this.readJSON();
    else this.readYAML(0, 0, null);
  }

  // ---- JSON ------------------------------------------------------------------------------

  private readJSON(): void {
    const stream = new JsonStream(this.text, 0);
    let decoded = 0;
    for (;;) {
      const step = stream.next();
      if (step.kind === 'eof') return;
      if (step.kind === 'value') {
        this.accept({ index: decoded, start: step.start, value: step.value, entry: step.entry, raw: this.text.slice(step.start, step.end), numberError: step.numberError });
        decoded++;
        continue;
      }
      if (decoded > 1) {
        // After two objects a JSON error is final, printed without the offset.
        this.error(decoded, step.message, step.at, 'syntax');
        return;
      }
      const message = step.syntax ? `json: offset ${utf8Offset(this.text, step.at) + 1}: ${step.message}` : step.message;
      const from = this.skipToYAML(stream.offset);
      if (from < 0) {
        this.error(decoded, message, step.at, 'syntax');
        return;
      }
      this.readYAML(from, decoded, { message, at: step.at });
      return;
    }
  }

  /** consumeWhitespace: skip spaces up to and including the first LF; -1 at the end. */
  private skipToYAML(from: number): number {
    let i = from;
    while (i < this.text.length) {
      const c = this.text.codePointAt(i)!;
      if (c === 0xfffd) return -1;
      if (!isGoSpace(c)) return i;
      i += c > 0xffff ? 2 : 1;
      if (c === 10) return i;
    }
    return -1;
  }

  // ---- YAML ------------------------------------------------------------------------------

  private readYAML(from: number, firstIndex: number, jsonError: { message: string; at: number } | null): void {
    let index = firstIndex;
    let first = true;
    for (const item of splitChunks(this.text, from)) {
      if (isSeparatorError(item)) {
        if (first && jsonError) this.error(index, jsonError.message, jsonError.at, 'syntax');
        else this.error(index, item.message, item.at, 'syntax');
        return;
      }
      const outcome = this.readChunk(item);
      if (outcome instanceof ChunkError) {
        if (first && jsonError) {
          this.error(index, jsonError.message, jsonError.at, 'syntax');
        } else {
          // Keep the position inside the chunk (the end of the stream is past its last line).
          const at = item.start + Math.min(outcome.at, Math.max(0, item.end - item.start - 1));
          this.error(index, `error converting YAML to JSON: ${outcome.goMessage()}`, at, 'syntax');
        }
        return;
      }
      if (outcome) this.accept({ index, start: item.start, value: outcome.value, entry: outcome.entry, raw: null, numberError: null });
      first = false;
      index++;
    }
  }

  private readChunk(chunk: Chunk): { value: unknown; entry: PosEntry } | null | ChunkError {
    const composed = composeChunk(chunk.text);
    const refused = refusedCharacter(chunk.text, composed.scanned);
    if (refused >= 0) return new ChunkError('decode', 'control characters are not allowed', null, null, refused);
    if (composed.error) return composed.error;
    if (!composed.root) return null;
    return new ChunkDecoder(chunk.start).decode(composed.root);
  }

  // ---- per document ----------------------------------------------------------------------

  /** The unstructured decode of one document: skipped if null, rejected if not an object with a kind. */
  private accept(src: Source): void {
    const { value, entry } = src;
    if (value === null) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.error(src.index, `json: cannot unmarshal ${jsonTypeName(value)} into Go value of type unstructured.detector`, entry.value, 'decode');
      return;
    }
    if (src.numberError) {
      this.error(src.index, src.numberError, entry.value, 'decode');
      return;
    }
    const obj = value as Record<string, unknown>;
    if (!Object.hasOwn(obj, 'items')) {
      const kind = obj['kind'];
      if (typeof kind !== 'string' || kind === '') {
        const data = src.raw ?? goCompactJSON(value, entry);
        this.error(src.index, `Object 'Kind' is missing in '${data}'`, entry.value, 'decode');
        return;
      }
    }
    this.documents.push(this.document(src));
  }

  private document(src: Source): ReadDocument {
    const lines = this.lines;
    const text = this.text;
    const root = src.entry;
    const startLine = lines.pos(src.start).line;
    return {
      index: src.index,
      startLine,
      value: src.value,
      locate(path) {
        const e = findEntry(root, path);
        if (!e) return undefined;
        const out: { key?: SourcePos; value: SourcePos } = { value: lines.pos(e.value) };
        if (e.key >= 0) out.key = lines.pos(e.key);
        return out;
      },
      literal(path) {
        const e = findEntry(root, path);
        if (!e || e.litStart < 0) return undefined;
        return text.slice(e.litStart, e.litEnd);
      },
      numberText(path) {
        const e = findEntry(root, path);
        if (!e) return undefined;
        if (e.exact !== undefined) return e.exact;
        let v: unknown = src.value;
        for (const seg of path) {
          if (v === null || typeof v !== 'object') return undefined;
          v = (v as Record<string | number, unknown>)[seg];
        }
        return typeof v === 'number' ? JSON.stringify(v) : undefined;
      },
    };
  }
}

/** Read a manifest file's text as kubectl does. Never throws. */
export function readManifests(text: string): ReadResult {
  // FileVisitor reads through a BOM-aware decoder: a UTF-8 BOM is dropped.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const reader = new Reader(body);
  try {
    reader.run();
  } catch (e) {
    // A bug, not an input problem; keep the promise of never throwing.
    reader.errors.push({
      document: reader.documents.length,
      message: `internal error while reading: ${e instanceof Error ? e.message : String(e)}`,
      line: 1,
      column: 1,
      stage: 'syntax',
    });
  }
  return { documents: reader.documents, errors: reader.errors };
}
