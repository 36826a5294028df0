// kubectl's document splitter (apimachinery YAMLReader + LineReader): line based, not
// YAML-aware. A line whose first three characters are `---` ends the current chunk when the
// rest of it is blank or a comment, and fails the whole file otherwise.

export interface Chunk {
  /** File offset of the chunk's first character. */
  start: number;
  /** File offset just past the chunk's last line (its LF included when there is one). */
  end: number;
  /** The text go-yaml reads: the file slice, plus the LF LineReader adds to a last line without one. */
  text: string;
}

export interface SeparatorError {
  /** Offset of the separator line and of the text that makes it invalid. */
  line: number;
  at: number;
  message: string;
}

/** Go's unicode.IsSpace (strings.TrimSpace). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

/**
 * The chunks of `text` from offset `from`, lazily, in order; a bad separator ends the sequence.
 * As in kubectl, the lines gathered since the previous separator are dropped with the error.
 */
export function* splitChunks(text: string, from: number): Generator<Chunk | SeparatorError> {
  let chunkStart = -1;
  let pos = from;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    // bufio.Reader.ReadLine drops the CR of a CR LF.
    const contentEnd = nl >= 0 && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (contentEnd - pos >= 3 && text.startsWith('---', pos)) {
      const rest = text.slice(pos + 3, contentEnd);
      const trimmed = goTrimSpace(rest);
      if (trimmed !== '' && trimmed[0] !== '#') {
        yield { line: pos, at: pos + 3 + rest.indexOf(trimmed), message: `invalid Yaml document separator: ${trimmed}` };
        return;
      }
      if (chunkStart >= 0) yield makeChunk(text, chunkStart, pos);
      chunkStart = -1;
    } else if (chunkStart < 0) {
      chunkStart = pos;
    }
    pos = next;
  }
  if (chunkStart >= 0) yield makeChunk(text, chunkStart, text.length);
}

function makeChunk(text: string, start: number, end: number): Chunk {
  const slice = text.slice(start, end);
  return { start, end, text: slice.endsWith('\n') ? slice : `${slice}\n` };
}

export function isSeparatorError(x: Chunk | SeparatorError): x is SeparatorError {
  return 'message' in x;
}
