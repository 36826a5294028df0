// A YAML 1.1 scanner that behaves like the libyaml scanner inside go-yaml v2 (scannerc.go):
// same simple-key and indentation bookkeeping, same acceptance, same error texts and marks.
// It turns one kubectl chunk into tokens for parser.ts. Iterative throughout.
import { ChunkError, type Mark } from './syntax-error.ts';
import {
  STYLE_DOUBLE, STYLE_FOLDED, STYLE_LITERAL, STYLE_PLAIN, STYLE_SINGLE,
  T_ALIAS, T_ANCHOR, T_BLOCK_END, T_BLOCK_ENTRY, T_BLOCK_MAPPING_START, T_BLOCK_SEQUENCE_START,
  T_DOCUMENT_END, T_DOCUMENT_START, T_FLOW_ENTRY, T_FLOW_MAPPING_END, T_FLOW_MAPPING_START,
  T_FLOW_SEQUENCE_END, T_FLOW_SEQUENCE_START, T_KEY, T_SCALAR, T_STREAM_END, T_STREAM_START,
  T_TAG, T_TAG_DIRECTIVE, T_VALUE, T_VERSION_DIRECTIVE, Token,
} from './tokens.ts';

/** go-yaml's max_flow_level and max_indents. */
const MAX_DEPTH = 10000;
/** The `:` of an implicit key must follow within this many characters of the key's start. */
const MAX_SIMPLE_KEY = 1024;

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const SP = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}
/** End of input: past the end (NaN) or a NUL, which go-yaml's buffer uses as terminator. */
function isZ(c: number): boolean {
  return c !== c || c === 0;
}
function isBreakZ(c: number): boolean {
  return isBreak(c) || isZ(c);
}
function isBlankZ(c: number): boolean {
  return isBlank(c) || isBreakZ(c);
}
/** go-yaml's is_alpha: ASCII letters, digits, `_` and `-`. */
function isAlpha(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
/** Indicators that cannot start a plain scalar: - ? : , [ ] { } # & * ! | > ' " % @ ` */
const INDICATOR = new Uint8Array(128);
for (const ch of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[ch.charCodeAt(0)] = 1;

/** Characters allowed in a tag URI (besides is_alpha). */
const URI_EXTRA = new Set(Array.from(";/?:@&=+$,.!~*'()[]%", (ch) => ch.charCodeAt(0)));

export class Scanner {
  private readonly src: string;
  private pos = 0;
  private line = 0;
  private col = 0;
  private idx = 0;

  private queue: Token[] = [];
  private head = 0;
  private parsed = 0;
  private available = false;
  private started = false;
  private ended = false;
  private endToken: Token | null = null;

  /** Column of the innermost block collection (-1 outside any). */
  private indent = -1;
  private indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  private keys: SimpleKey[] = [];
  private keysByToken = new Map<number, number>();

  error: ChunkError | null = null;

  constructor(src: string) {
    this.src = src;
  }

  /** How far into the chunk the scanner has read (for the reader-level control character rule). */
  get offset(): number {
    return this.pos;
  }

  // ---- public token interface ------------------------------------------------------------

  peek(): Token | null {
    if (this.error) return null;
    if (!this.available && !this.fetchMore()) return null;
    // Past the end of the stream, the stream end is all there is.
    return this.queue[this.head] ?? this.endToken;
  }

  skip(): void {
    this.available = false;
    this.parsed++;
    this.head++;
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  // ---- character helpers -----------------------------------------------------------------

  private ch(offset = 0): number {
    return this.src.charCodeAt(this.pos + offset);
  }

  mark(): Mark {
    return { pos: this.pos, line: this.line, col: this.col, idx: this.idx };
  }

  /** Advance over one character (a surrogate pair counts as one, as a rune does in Go). */
  private advance(): void {
    const c = this.src.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.src.charCodeAt(this.pos + 1);
      this.pos += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else {
      this.pos++;
    }
    this.col++;
    this.idx++;
  }

  /** Consume one character and return it as text. */
  private take(): string {
    const start = this.pos;
    this.advance();
    return this.src.slice(start, this.pos);
  }

  /** Consume a line break (CR LF counts as one). */
  private skipBreak(): void {
    const c = this.ch();
    if (c === CR && this.ch(1) === LF) {
      this.pos += 2;
      this.idx += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.idx++;
    } else {
      return;
    }
    this.col = 0;
    this.line++;
  }

  /** Consume a line break and return it normalised as go-yaml's read_line does. */
  private readBreak(): string {
    const c = this.ch();
    if (c === 0x2028 || c === 0x2029) {
      const s = String.fromCharCode(c);
      this.skipBreak();
      return s;
    }
    if (!isBreak(c)) return '';
    this.skipBreak();
    return '\n';
  }

  private fail(context: Mark | null, problem: string): false {
    const m = this.mark();
    this.error = new ChunkError('scanner', problem, m, context, m.pos);
    return false;
  }

  // ---- token queue -----------------------------------------------------------------------

  private insert(token: Token, tokenNumber = -1): void {
    const q = this.queue;
    if (tokenNumber < 0) {
      q.push(token);
      return;
    }
    const at = this.head + (tokenNumber - this.parsed);
    if (at >= q.length) {
      q.push(token);
    } else if (at === q.length - 1) {
      // The usual case: KEY (or the mapping start) goes just before the scalar queued last.
      q.push(q[at]!);
      q[at] = token;
    } else {
      q.splice(at, 0, token);
    }
  }

  private queuedCount(): number {
    return this.queue.length - this.head;
  }

  /** Fetch tokens until the head token can no longer turn out to be an implicit key. */
  private fetchMore(): boolean {
    for (;;) {
      if (this.head !== this.queue.length) {
        const slot = this.keysByToken.get(this.parsed);
        if (slot === undefined) break;
        const valid = this.keyStillValid(this.keys[slot]!);
        if (valid === null) return false;
        if (!valid) break;
      }
      // Nothing follows the stream end (guards against re-fetching at EOF).
      if (this.ended) break;
      if (!this.fetchNext()) return false;
    }
    this.available = true;
    return true;
  }

  /** true/false, or null after raising "could not find expected ':'" for a required key. */
  private keyStillValid(key: SimpleKey): boolean | null {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.idx + MAX_SIMPLE_KEY < this.idx) {
      if (key.required) {
        this.fail(key.mark, "could not find expected ':'");
        return null;
      }
      key.possible = false;
      return false;
    }
    return true;
  }

  /** `at` is the current position's mark (shared with the token about to be scanned). */
  private saveSimpleKey(at: Mark): boolean {
    const required = this.flowLevel === 0 && this.indent === this.col;
    if (this.simpleKeyAllowed) {
      if (!this.removeSimpleKey()) return false;
      const slot = this.keys.length - 1;
      // The slot's record is reused: nothing else holds on to it.
      const key = this.keys[slot]!;
      key.possible = true;
      key.required = required;
      key.tokenNumber = this.parsed + this.queuedCount();
      key.mark = at;
      this.keysByToken.set(key.tokenNumber, slot);
    }
    return true;
  }

  private removeSimpleKey(): boolean {
    const key = this.keys[this.keys.length - 1]!;
    if (key.possible) {
      if (key.required) return this.fail(key.mark, "could not find expected ':'");
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
    }
    return true;
  }

  private increaseFlowLevel(): boolean {
    const key: SimpleKey = { possible: false, required: false, tokenNumber: this.parsed + this.queuedCount(), mark: this.mark() };
    this.keys.push(key);
    this.flowLevel++;
    if (this.flowLevel > MAX_DEPTH) return this.fail(key.mark, `exceeded max depth of ${MAX_DEPTH}`);
    return true;
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const key = this.keys.pop()!;
      this.keysByToken.delete(key.tokenNumber);
    }
  }

  /** Open a block collection at `column` if it is deeper than the current one. */
  private rollIndent(column: number, tokenNumber: number, type: number, at: Mark): boolean {
    if (this.flowLevel > 0) return true;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_DEPTH) {
        return this.fail(this.keys[this.keys.length - 1]!.mark, `exceeded max depth of ${MAX_DEPTH}`);
      }
      this.insert(new Token(type, at, at), tokenNumber);
    }
    return true;
  }

  /** Close block collections deeper than `column`. */
  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insert(new Token(T_BLOCK_END, m, m));
      this.indent = this.indents.pop()!;
    }
  }

  // ---- dispatch --------------------------------------------------------------------------

  private fetchNext(): boolean {
    if (!this.started) return this.fetchStreamStart();
    this.skipToToken();
    this.unrollIndent(this.col);
    const c = this.ch();
    if (isZ(c)) return this.fetchStreamEnd();
    if (this.col === 0) {
      if (c === 37 /* % */) return this.fetchDirective();
      if (this.atDocumentIndicator()) return this.fetchDocumentIndicator(c === 45 ? T_DOCUMENT_START : T_DOCUMENT_END);
    }
    const next = this.ch(1);
    switch (c) {
      case 91: return this.fetchFlowStart(T_FLOW_SEQUENCE_START); // [
      case 123: return this.fetchFlowStart(T_FLOW_MAPPING_START); // {
      case 93: return this.fetchFlowEnd(T_FLOW_SEQUENCE_END); // ]
      case 125: return this.fetchFlowEnd(T_FLOW_MAPPING_END); // }
      case 44: return this.fetchFlowEntry(); // ,
      case 42: return this.fetchAnchor(T_ALIAS); // *
      case 38: return this.fetchAnchor(T_ANCHOR); // &
      case 33: return this.fetchTag(); // !
      case 39: return this.fetchFlowScalar(true); // '
      case 34: return this.fetchFlowScalar(false); // "
      default:
    }
    if (c === 45 && isBlankZ(next)) return this.fetchBlockEntry();
    if (c === 63 && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchKey();
    if (c === 58 && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchValue();
    if (this.flowLevel === 0 && (c === 124 || c === 62)) return this.fetchBlockScalar(c === 124);
    if (this.canStartPlain(c, next)) return this.fetchPlainScalar();
    return this.fail(this.mark(), 'found character that cannot start any token');
  }

  private atDocumentIndicator(): boolean {
    const c = this.ch();
    return (c === 45 || c === 46) && this.ch(1) === c && this.ch(2) === c && isBlankZ(this.ch(3));
  }

  private canStartPlain(c: number, next: number): boolean {
    const indicator = isBlankZ(c) || (c < 128 && INDICATOR[c] === 1);
    if (!indicator) return true;
    if (c === 45 && !isBlank(next)) return true;
    return this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankZ(next);
  }

  /** Skip blanks, comments and line breaks. Tabs are skipped only where no key may start. */
  private skipToToken(): void {
    const src = this.src;
    for (;;) {
      let c = src.charCodeAt(this.pos);
      while (c === SP || (c === TAB && (this.flowLevel > 0 || !this.simpleKeyAllowed))) {
        this.pos++;
        this.col++;
        this.idx++;
        c = src.charCodeAt(this.pos);
      }
      if (c === 35 /* # */) {
        while (!isBreakZ(c)) {
          this.advance();
          c = src.charCodeAt(this.pos);
        }
      }
      if (!isBreak(c)) return;
      this.skipBreak();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  // ---- simple tokens ---------------------------------------------------------------------

  private fetchStreamStart(): boolean {
    this.started = true;
    this.indent = -1;
    this.keys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    // go-yaml's reader drops a byte order mark at the very start of its input.
    if (this.ch() === 0xfeff) this.pos++;
    const m = this.mark();
    this.insert(new Token(T_STREAM_START, m, m));
    return true;
  }

  private fetchStreamEnd(): boolean {
    if (this.col !== 0) {
      this.col = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    this.ended = true;
    const m = this.mark();
    this.endToken = new Token(T_STREAM_END, m, m);
    this.insert(this.endToken);
    return true;
  }

  private fetchDocumentIndicator(type: number): boolean {
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.advance();
    this.advance();
    this.advance();
    this.insert(new Token(type, start, this.mark()));
    return true;
  }

  private fetchFlowStart(type: number): boolean {
    if (!this.saveSimpleKey(this.mark())) return false;
    if (!this.increaseFlowLevel()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(type);
  }

  private fetchFlowEnd(type: number): boolean {
    if (!this.removeSimpleKey()) return false;
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    return this.singleCharToken(type);
  }

  private fetchFlowEntry(): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(T_FLOW_ENTRY);
  }

  private fetchBlockEntry(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) return this.fail(this.mark(), 'block sequence entries are not allowed in this context');
      if (!this.rollIndent(this.col, -1, T_BLOCK_SEQUENCE_START, this.mark())) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(T_BLOCK_ENTRY);
  }

  private fetchKey(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) return this.fail(this.mark(), 'mapping keys are not allowed in this context');
      if (!this.rollIndent(this.col, -1, T_BLOCK_MAPPING_START, this.mark())) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = this.flowLevel === 0;
    return this.singleCharToken(T_KEY);
  }

  private fetchValue(): boolean {
    const key = this.keys[this.keys.length - 1]!;
    const valid = this.keyStillValid(key);
    if (valid === null) return false;
    if (valid) {
      // The pending scalar (or collection) was a key: insert KEY before it.
      this.insert(new Token(T_KEY, key.mark, key.mark), key.tokenNumber);
      if (!this.rollIndent(key.mark.col, key.tokenNumber, T_BLOCK_MAPPING_START, key.mark)) return false;
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) return this.fail(this.mark(), 'mapping values are not allowed in this context');
        if (!this.rollIndent(this.col, -1, T_BLOCK_MAPPING_START, this.mark())) return false;
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    return this.singleCharToken(T_VALUE);
  }

  private singleCharToken(type: number): boolean {
    const start = this.mark();
    this.advance();
    this.insert(new Token(type, start, this.mark()));
    return true;
  }

  // ---- directives ------------------------------------------------------------------------

  private fetchDirective(): boolean {
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.advance();
    let name = '';
    while (isAlpha(this.ch())) name += this.take();
    if (name === '') return this.fail(start, 'could not find expected directive name');
    if (!isBlankZ(this.ch())) return this.fail(start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const major = this.versionNumber(start);
      if (major < 0) return false;
      if (this.ch() !== 46) return this.fail(start, "did not find expected digit or '.' character");
      this.advance();
      const minor = this.versionNumber(start);
      if (minor < 0) return false;
      token = new Token(T_VERSION_DIRECTIVE, start, this.mark());
      token.major = major;
      token.minor = minor;
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.tagHandle(true, start);
      if (handle === null) return false;
      if (!isBlank(this.ch())) return this.fail(start, 'did not find expected whitespace');
      this.skipBlanks();
      const prefix = this.tagUri(true, null, start);
      if (prefix === null) return false;
      if (!isBlankZ(this.ch())) return this.fail(start, 'did not find expected whitespace or line break');
      token = new Token(T_TAG_DIRECTIVE, start, this.mark(), handle);
      token.suffix = prefix;
    } else {
      return this.fail(start, 'found unknown directive name');
    }
    this.skipBlanks();
    if (this.ch() === 35) while (!isBreakZ(this.ch())) this.advance();
    if (!isBreakZ(this.ch())) return this.fail(start, 'did not find expected comment or line break');
    this.skipBreak();
    this.insert(token);
    return true;
  }

  private skipBlanks(): void {
    while (isBlank(this.ch())) this.advance();
  }

  private versionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      if (++length > 2) {
        this.fail(start, 'found extremely long version number');
        return -1;
      }
      value = value * 10 + this.ch() - 48;
      this.advance();
    }
    if (length === 0) {
      this.fail(start, 'did not find expected version number');
      return -1;
    }
    return value;
  }

  // ---- anchors, aliases, tags ------------------------------------------------------------

  private fetchAnchor(type: number): boolean {
    const start = this.mark();
    if (!this.saveSimpleKey(start)) return false;
    this.simpleKeyAllowed = false;
    this.advance();
    const from = this.pos;
    while (isAlpha(this.ch())) this.advance();
    const name = this.src.slice(from, this.pos);
    const end = this.mark();
    const c = this.ch();
    // Must be followed by a blank or one of ? : , ] } % @ `
    if (name === '' || !(isBlankZ(c) || c === 63 || c === 58 || c === 44 || c === 93 || c === 125 || c === 37 || c === 64 || c === 96)) {
      return this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    this.insert(new Token(type, start, end, name));
    return true;
  }

  private fetchTag(): boolean {
    const start = this.mark();
    if (!this.saveSimpleKey(start)) return false;
    this.simpleKeyAllowed = false;
    let handle: string | null;
    let suffix: string | null;
    if (this.ch(1) === 60 /* < */) {
      this.advance();
      this.advance();
      handle = '';
      suffix = this.tagUri(false, null, start);
      if (suffix === null) return false;
      if (this.ch() !== 62) return this.fail(start, "did not find the expected '>'");
      this.advance();
    } else {
      handle = this.tagHandle(false, start);
      if (handle === null) return false;
      if (handle.length > 1 && handle.endsWith('!')) {
        suffix = this.tagUri(false, null, start);
        if (suffix === null) return false;
      } else {
        // `!foo` is the primary handle `!` with suffix `foo`; a lone `!` is the non-specific tag.
        suffix = this.tagUri(false, handle, start);
        if (suffix === null) return false;
        handle = '!';
        if (suffix === '') {
          handle = '';
          suffix = '!';
        }
      }
    }
    if (!isBlankZ(this.ch())) return this.fail(start, 'did not find expected whitespace or line break');
    const token = new Token(T_TAG, start, this.mark(), handle);
    token.suffix = suffix;
    this.insert(token);
    return true;
  }

  private tagHandle(directive: boolean, start: Mark): string | null {
    if (this.ch() !== 33) {
      this.fail(start, "did not find expected '!'");
      return null;
    }
    let s = this.take();
    while (isAlpha(this.ch())) s += this.take();
    if (this.ch() === 33) {
      s += this.take();
    } else if (directive && s !== '!') {
      this.fail(start, "did not find expected '!'");
      return null;
    }
    return s;
  }

  private tagUri(directive: boolean, head: string | null, start: Mark): string | null {
    let s = head && head.length > 1 ? head.slice(1) : '';
    let hasTag = head !== null && head.length > 0;
    for (;;) {
      const c = this.ch();
      if (!(isAlpha(c) || URI_EXTRA.has(c))) break;
      if (c === 37) {
        const decoded = this.uriEscapes(directive, start);
        if (decoded === null) return null;
        s += decoded;
      } else {
        s += this.take();
      }
      hasTag = true;
    }
    if (!hasTag) {
      this.fail(start, 'did not find expected tag URI');
      return null;
    }
    return s;
  }

  /** %XX escapes forming one UTF-8 encoded character. */
  private uriEscapes(directive: boolean, start: Mark): string | null {
    const bytes: number[] = [];
    let width = 0;
    do {
      const hi = hexValue(this.ch(1));
      const lo = hexValue(this.ch(2));
      if (this.ch() !== 37 || hi < 0 || lo < 0) {
        this.fail(start, 'did not find URI escaped octet');
        return null;
      }
      const octet = hi * 16 + lo;
      if (bytes.length === 0) {
        width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) {
          this.fail(start, 'found an incorrect leading UTF-8 octet');
          return null;
        }
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
        return null;
      }
      bytes.push(octet);
      this.advance();
      this.advance();
      this.advance();
    } while (bytes.length < width);
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  // ---- block scalars ---------------------------------------------------------------------

  private fetchBlockScalar(literal: boolean): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.advance();
    let chomping = 0;
    let increment = 0;
    let c = this.ch();
    if (c === 43 || c === 45) {
      chomping = c === 43 ? 1 : -1;
      this.advance();
      if (isDigit(this.ch())) {
        if (this.ch() === 48) return this.fail(start, 'found an indentation indicator equal to 0');
        increment = this.ch() - 48;
        this.advance();
      }
    } else if (isDigit(c)) {
      if (c === 48) return this.fail(start, 'found an indentation indicator equal to 0');
      increment = c - 48;
      this.advance();
      c = this.ch();
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.advance();
      }
    }
    this.skipBlanks();
    if (this.ch() === 35) while (!isBreakZ(this.ch())) this.advance();
    if (!isBreakZ(this.ch())) return this.fail(start, 'did not find expected comment or line break');
    this.skipBreak();

    const state = { indent: 0, breaks: '', end: this.mark() };
    if (increment > 0) state.indent = this.indent >= 0 ? this.indent + increment : increment;
    if (!this.blockScalarBreaks(state, start)) return false;

    let value = '';
    let leadingBreak = '';
    let leadingBlank = false;
    while (this.col === state.indent && !isZ(this.ch())) {
      const trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (state.breaks === '') value += ' ';
      } else {
        value += leadingBreak;
      }
      leadingBreak = '';
      value += state.breaks;
      state.breaks = '';
      leadingBlank = isBlank(this.ch());
      const from = this.pos;
      while (!isBreakZ(this.ch())) this.advance();
      value += this.src.slice(from, this.pos);
      leadingBreak = this.readBreak();
      if (!this.blockScalarBreaks(state, start)) return false;
    }
    if (chomping !== -1) value += leadingBreak;
    if (chomping === 1) value += state.breaks;
    this.insert(new Token(T_SCALAR, start, state.end, value, literal ? STYLE_LITERAL : STYLE_FOLDED));
    return true;
  }

  /** Eat indentation and empty lines; fix the indentation on the first non-empty line. */
  private blockScalarBreaks(state: { indent: number; breaks: string; end: Mark }, start: Mark): boolean {
    state.end = this.mark();
    let maxIndent = 0;
    for (;;) {
      while ((state.indent === 0 || this.col < state.indent) && this.ch() === SP) this.advance();
      if (this.col > maxIndent) maxIndent = this.col;
      if ((state.indent === 0 || this.col < state.indent) && this.ch() === TAB) {
        return this.fail(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.ch())) break;
      state.breaks += this.readBreak();
      state.end = this.mark();
    }
    if (state.indent === 0) {
      state.indent = Math.max(maxIndent, this.indent + 1, 1);
    }
    return true;
  }

  // ---- quoted scalars --------------------------------------------------------------------

  private fetchFlowScalar(single: boolean): boolean {
    const start = this.mark();
    if (!this.saveSimpleKey(start)) return false;
    this.simpleKeyAllowed = false;
    this.advance();
    const quote = single ? 39 : 34;
    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      if (this.col === 0 && this.atDocumentIndicator()) return this.fail(start, 'found unexpected document indicator');
      if (isZ(this.ch())) return this.fail(start, 'found unexpected end of stream');
      let leadingBlanks = false;
      // Ordinary characters are copied in runs; quotes and escapes end a run.
      let run = this.pos;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === 39 && this.ch(1) === 39) {
          value += `${this.src.slice(run, this.pos)}'`;
          this.advance();
          this.advance();
          run = this.pos;
        } else if (c === quote) {
          break;
        } else if (!single && c === 92 && isBreak(this.ch(1))) {
          value += this.src.slice(run, this.pos);
          this.advance();
          this.skipBreak();
          leadingBlanks = true;
          run = this.pos;
          break;
        } else if (!single && c === 92) {
          value += this.src.slice(run, this.pos);
          const escaped = this.escape(start);
          if (escaped === null) return false;
          value += escaped;
          run = this.pos;
        } else {
          // Fast path over ordinary BMP characters.
          const src = this.src;
          let p = this.pos + 1;
          let n = 1;
          for (;;) {
            const d = src.charCodeAt(p);
            if (d === quote || d === 92 || d === SP || d === TAB || d === LF || d === CR || d < 0x20 || d === 0x85 || d >= 0x2028 || d !== d) break;
            p++;
            n++;
          }
          if (c >= 0xd800 && c <= 0xdbff) {
            this.advance();
          } else {
            this.pos = p;
            this.col += n;
            this.idx += n;
          }
        }
      }
      value += this.src.slice(run, this.pos);
      if (this.ch() === quote) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.take();
          else this.advance();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readBreak();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readBreak();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith('\n')) {
          value += trailingBreaks === '' ? ' ' : trailingBreaks;
        } else {
          value += leadingBreak + trailingBreaks;
        }
        leadingBreak = '';
        trailingBreaks = '';
      } else {
        value += whitespaces;
        whitespaces = '';
      }
    }
    this.advance();
    this.insert(new Token(T_SCALAR, start, this.mark(), value, single ? STYLE_SINGLE : STYLE_DOUBLE));
    return true;
  }

  /** One backslash escape in a double-quoted scalar. */
  private escape(start: Mark): string | null {
    const e = this.ch(1);
    let out: string | undefined;
    let digits = 0;
    switch (e) {
      case 48: out = '\0'; break;
      case 97: out = '\x07'; break;
      case 98: out = '\b'; break;
      case 116: case TAB: out = '\t'; break;
      case 110: out = '\n'; break;
      case 118: out = '\v'; break;
      case 102: out = '\f'; break;
      case 114: out = '\r'; break;
      case 101: out = '\x1b'; break;
      case SP: out = ' '; break;
      case 34: out = '"'; break;
      case 39: out = "'"; break;
      case 92: out = '\\'; break;
      case 78: out = '\u0085'; break; // N
      case 95: out = '\u00a0'; break; // _
      case 76: out = '\u2028'; break; // L
      case 80: out = '\u2029'; break; // P
      case 120: digits = 2; break; // x
      case 117: digits = 4; break; // u
      case 85: digits = 8; break; // U
      default:
        this.fail(start, 'found unknown escape character');
        return null;
    }
    this.advance();
    this.advance();
    if (digits === 0) return out!;
    let value = 0;
    for (let k = 0; k < digits; k++) {
      const h = hexValue(this.ch(k));
      if (h < 0) {
        this.fail(start, 'did not find expected hexdecimal number');
        return null;
      }
      value = value * 16 + h;
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      this.fail(start, 'found invalid Unicode character escape code');
      return null;
    }
    for (let k = 0; k < digits; k++) this.advance();
    return String.fromCodePoint(value);
  }

  // ---- plain scalars ---------------------------------------------------------------------

  private fetchPlainScalar(): boolean {
    const start = this.mark();
    if (!this.saveSimpleKey(start)) return false;
    this.simpleKeyAllowed = false;
    const src = this.src;
    // The end of the last non-blank run (a mark is built once, at the end).
    let endPos = -1;
    let endLine = 0;
    let endCol = 0;
    let endIdx = 0;
    const indent = this.indent + 1;
    const inFlow = this.flowLevel > 0;
    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    for (;;) {
      if (this.col === 0 && this.atDocumentIndicator()) break;
      if (src.charCodeAt(this.pos) === 35) break;
      // A run of non-blank characters (the hot loop: plain positions, no per-character marks).
      let p = this.pos;
      let n = 0;
      for (;;) {
        const c = src.charCodeAt(p);
        if (c === SP || c === TAB || c === LF || c === CR || isZ(c) || c === 0x85 || c === 0x2028 || c === 0x2029) break;
        if (c === 58 && isBlankZ(src.charCodeAt(p + 1))) break;
        if (inFlow && (c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125)) break;
        if (n === 0 && (leadingBlanks || whitespaces !== '')) {
          if (leadingBlanks) {
            if (leadingBreak.startsWith('\n')) value += trailingBreaks === '' ? ' ' : trailingBreaks;
            else value += leadingBreak + trailingBreaks;
            leadingBreak = '';
            trailingBreaks = '';
            leadingBlanks = false;
          } else {
            value += whitespaces;
            whitespaces = '';
          }
        }
        if (c >= 0xd800 && c <= 0xdbff) {
          const d = src.charCodeAt(p + 1);
          p += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
        } else {
          p++;
        }
        n++;
      }
      if (n > 0) {
        value += src.slice(this.pos, p);
        this.pos = p;
        this.col += n;
        this.idx += n;
        endPos = p;
        endLine = this.line;
        endCol = this.col;
        endIdx = this.idx;
      }
      const c = src.charCodeAt(this.pos);
      if (!(isBlank(c) || isBreak(c))) break;
      for (;;) {
        const b = src.charCodeAt(this.pos);
        if (isBlank(b)) {
          if (leadingBlanks && this.col < indent && b === TAB) {
            return this.fail(start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += b === SP ? ' ' : '\t';
          this.pos++;
          this.col++;
          this.idx++;
        } else if (isBreak(b)) {
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readBreak();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readBreak();
          }
        } else {
          break;
        }
      }
      if (!inFlow && this.col < indent) break;
    }
    const end = endPos < 0 ? start : { pos: endPos, line: endLine, col: endCol, idx: endIdx };
    this.insert(new Token(T_SCALAR, start, end, value, STYLE_PLAIN));
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return true;
  }
}
