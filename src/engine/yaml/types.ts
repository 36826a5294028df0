// The reader's public shapes.

export interface SourcePos {
  /** 1-based line in the whole file. */
  line: number;
  /** 1-based column (UTF-16 code units). */
  column: number;
}

export interface ReadDocument {
  /** 0-based index of the chunk in the file (kubectl's `---` split, or the n-th JSON value). */
  index: number;
  /** 1-based file line where the chunk starts. */
  startLine: number;
  /** The JSON value kubectl sends (objects, arrays, strings, numbers, booleans, null). */
  value: unknown;
  /**
   * Where the node at `path` (object keys / array indices into `value`) is in the file:
   * `key` = its mapping key, `value` = the value node. Undefined for a path that does not exist.
   */
  locate(path: readonly (string | number)[]): { key?: SourcePos; value: SourcePos } | undefined;
  /** The source text of the scalar at `path` (e.g. `1e400`, `0777`, `"quoted"`), if any. */
  literal(path: readonly (string | number)[]): string | undefined;
  /**
   * The number at `path` as kubectl's JSON carries it: exact for integers beyond 2^53
   * (`9007199254740993`), else the JS number's JSON text. Undefined when not a number.
   */
  numberText(path: readonly (string | number)[]): string | undefined;
}

export interface ReadError {
  /** Chunk index. */
  document: number;
  /** kubectl's text without the file wrapper (`error: error parsing F: ` / `unable to decode "F": `). */
  message: string;
  /** 1-based file position of the problem (best effort; always inside the file). */
  line: number;
  column: number;
  /**
   * 'syntax': kubectl stops reading the file here (`error parsing F: ...`);
   * 'decode': this document only (`unable to decode "F": ...`), later ones are still read.
   */
  stage: 'syntax' | 'decode';
}

export interface ReadResult {
  documents: ReadDocument[];
  errors: ReadError[];
}
