// Errors raised while reading one chunk, carrying what go-yaml's `parser.fail` needs to
// print its `yaml: line L: ` prefix, plus the chunk offset used for the file position.

/** A position inside a chunk, counted the way go-yaml counts (0-based line and column). */
export interface Mark {
  /** UTF-16 offset into the chunk text. */
  pos: number;
  /** 0-based line; go-yaml also breaks lines at a lone CR, NEL, LS and PS. */
  line: number;
  /** 0-based column in characters. */
  col: number;
  /** Characters since the chunk start (go-yaml's `mark.index`, used by the 1024 rule). */
  idx: number;
}

/**
 * scanner / parser: libyaml errors; decode: go-yaml decoder `failf` (`yaml: ` prefix, no line);
 * convert: sigs.k8s.io/yaml or encoding/json after go-yaml succeeded (no prefix).
 */
export type SyntaxErrorKind = 'scanner' | 'parser' | 'decode' | 'convert';

export class ChunkError {
  readonly kind: SyntaxErrorKind;
  readonly problem: string;
  readonly problemMark: Mark | null;
  readonly contextMark: Mark | null;
  /** Chunk offset the file position should point at (the problem, or the node concerned). */
  readonly at: number;

  constructor(kind: SyntaxErrorKind, problem: string, problemMark: Mark | null, contextMark: Mark | null, at: number) {
    this.kind = kind;
    this.problem = problem;
    this.problemMark = problemMark;
    this.contextMark = contextMark;
    this.at = at;
  }

  /**
   * go-yaml's text: a scanner error names the 1-based line of the problem, a parser error the
   * 0-based one; a problem on line 0 falls back to the context line; line 0 prints no prefix.
   */
  goMessage(): string {
    if (this.kind === 'convert') return this.problem;
    if (this.kind === 'decode') return `yaml: ${this.problem}`;
    let line = 0;
    if (this.problemMark && this.problemMark.line !== 0) {
      line = this.problemMark.line + (this.kind === 'scanner' ? 1 : 0);
    } else if (this.contextMark && this.contextMark.line !== 0) {
      line = this.contextMark.line;
    }
    return line !== 0 ? `yaml: line ${line}: ${this.problem}` : `yaml: ${this.problem}`;
  }
}
