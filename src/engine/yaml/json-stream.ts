// kubectl's JSON path: an encoding/json Decoder reading concatenated values. Syntax errors use
// Go's scanner texts ("invalid character 'x' after object key:value pair"); a value cut short
// by the end of input is io.ErrUnexpectedEOF ("unexpected EOF"). Values keep their positions.
import { compareGoStrings, jsonQuoteChar } from './go-format.ts';
import type { PosEntry, PosTree } from './positions.ts';

export type JsonStep =
  | { kind: 'value'; value: unknown; entry: PosEntry; start: number; end: number; numberError: string | null }
  | { kind: 'eof'; end: number }
  | { kind: 'error'; message: string; at: number; syntax: boolean };

/** encoding/json's limit on nesting. */
const MAX_NESTING = 10000;

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

class SyntaxFailure {
  readonly message: string;
  readonly at: number;
  readonly syntax: boolean;
  constructor(message: string, at: number, syntax = true) {
    this.message = message;
    this.at = at;
    this.syntax = syntax;
  }
}

interface Container {
  isObject: boolean;
  obj: Map<string, { value: unknown; entry: PosEntry }> | null;
  arr: unknown[] | null;
  entries: PosEntry[] | null;
  start: number;
  key: string;
  keyAt: number;
}

const INT64_MAX = (1n << 63n) - 1n;

/** The one-character escapes of JSON strings, by the character after the backslash. */
const SIMPLE_ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

export class JsonStream {
  private readonly text: string;
  private pos: number;

  constructor(text: string, start: number) {
    this.text = text;
    this.pos = start;
  }

  /** Where the next value would start (end of the last one read). */
  get offset(): number {
    return this.pos;
  }

  next(): JsonStep {
    const text = this.text;
    let i = this.pos;
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      this.pos = i;
      return { kind: 'eof', end: i };
    }
    try {
      const r = this.value(i);
      this.pos = r.end;
      return { kind: 'value', value: r.value, entry: r.entry, start: i, end: r.end, numberError: r.numberError };
    } catch (e) {
      if (e instanceof SyntaxFailure) return { kind: 'error', message: e.message, at: e.at, syntax: e.syntax };
      throw e;
    }
  }

  private fail(at: number, context: string): never {
    if (at >= this.text.length) throw new SyntaxFailure('unexpected EOF', this.text.length, false);
    const cp = this.text.codePointAt(at)!;
    throw new SyntaxFailure(`invalid character ${jsonQuoteChar(cp)} ${context}`, at);
  }

  private skipSpace(i: number): number {
    const text = this.text;
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    return i;
  }

  /** One complete value starting at `start` (not whitespace). */
  private value(start: number): { value: unknown; entry: PosEntry; end: number; numberError: string | null } {
    const text = this.text;
    const stack: Container[] = [];
    let numberError: string | null = null;
    let i = start;
    let result: { value: unknown; entry: PosEntry } | null = null;

    const open = (isObject: boolean, at: number): void => {
      if (stack.length + 1 > MAX_NESTING) this.fail(at, 'exceeded max depth');
      stack.push({ isObject, obj: isObject ? new Map() : null, arr: isObject ? null : [], entries: isObject ? null : [], start: at, key: '', keyAt: -1 });
    };

    for (;;) {
      // Expect a value at i.
      let produced: { value: unknown; entry: PosEntry } | null = null;
      const c = text.charCodeAt(i);
      if (c === 123 /* { */) {
        open(true, i);
        i = this.skipSpace(i + 1);
        if (text.charCodeAt(i) === 125) {
          i++;
          produced = this.close(stack.pop()!);
        } else {
          i = this.objectKey(i, stack[stack.length - 1]!);
          continue;
        }
      } else if (c === 91 /* [ */) {
        open(false, i);
        i = this.skipSpace(i + 1);
        if (text.charCodeAt(i) === 93) {
          i++;
          produced = this.close(stack.pop()!);
        } else {
          continue;
        }
      } else {
        const s = this.scalar(i);
        if (s.numberError && !numberError) numberError = s.numberError;
        produced = { value: s.value, entry: { key: -1, value: i, litStart: i, litEnd: s.end, exact: s.exact, children: null } };
        if (s.exact === undefined) delete produced.entry.exact;
        i = s.end;
      }

      // Attach the value and move on to what follows it.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) {
          result = produced;
          break;
        }
        i = this.skipSpace(i);
        const d = text.charCodeAt(i);
        if (top.isObject) {
          produced.entry.key = top.keyAt;
          top.obj!.set(top.key, produced);
          if (d === 44) {
            i = this.objectKey(this.skipSpace(i + 1), top);
            break;
          }
          if (d !== 125) this.fail(i, 'after object key:value pair');
        } else {
          top.arr!.push(produced.value);
          top.entries!.push(produced.entry);
          if (d === 44) {
            i = this.skipSpace(i + 1);
            break;
          }
          if (d !== 93) this.fail(i, 'after array element');
        }
        i++;
        produced = this.close(stack.pop()!);
      }
      if (result) return { value: result.value, entry: result.entry, end: i, numberError };
    }
  }

  /** Read `"key"` and `:` for the object on top; returns where its value starts. */
  private objectKey(i: number, top: Container): number {
    if (this.text.charCodeAt(i) !== 34) this.fail(i, 'looking for beginning of object key string');
    const s = this.string(i);
    top.key = s.value;
    top.keyAt = i;
    let j = this.skipSpace(s.end);
    if (this.text.charCodeAt(j) !== 58) this.fail(j, 'after object key');
    j = this.skipSpace(j + 1);
    return j;
  }

  private close(c: Container): { value: unknown; entry: PosEntry } {
    let value: unknown;
    let tree: PosTree;
    if (c.isObject) {
      const obj: Record<string, unknown> = {};
      const keys = [...c.obj!.keys()].sort(compareGoStrings);
      const entries: PosEntry[] = [];
      for (const k of keys) {
        const m = c.obj!.get(k)!;
        if (k === '__proto__') Object.defineProperty(obj, k, { value: m.value, enumerable: true, writable: true, configurable: true });
        else obj[k] = m.value;
        entries.push(m.entry);
      }
      value = obj;
      tree = { keys, entries };
    } else {
      value = c.arr;
      tree = c.entries!;
    }
    return { value, entry: { key: -1, value: c.start, litStart: -1, litEnd: -1, children: tree } };
  }

  private scalar(i: number): { value: unknown; end: number; exact?: string; numberError: string | null } {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 34) {
      const s = this.string(i);
      return { value: s.value, end: s.end, numberError: null };
    }
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(i);
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (c === word.charCodeAt(0)) {
        for (let k = 1; k < word.length; k++) {
          if (text.charCodeAt(i + k) !== word.charCodeAt(k)) this.fail(i + k, `in literal ${word} (expecting '${word[k]}')`);
        }
        return { value, end: i + word.length, numberError: null };
      }
    }
    return this.fail(i, 'looking for beginning of value');
  }

  private number(start: number): { value: unknown; end: number; exact?: string; numberError: string | null } {
    const text = this.text;
    const digit = (k: number) => {
      const d = text.charCodeAt(k);
      return d >= 48 && d <= 57;
    };
    let i = start;
    if (text.charCodeAt(i) === 45) {
      i++;
      if (!digit(i)) this.fail(i, 'in numeric literal');
    }
    if (text.charCodeAt(i) === 48) i++;
    else while (digit(i)) i++;
    let integral = true;
    if (text.charCodeAt(i) === 46) {
      integral = false;
      i++;
      if (!digit(i)) this.fail(i, 'after decimal point in numeric literal');
      while (digit(i)) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      integral = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!digit(i)) this.fail(i, 'in exponent of numeric literal');
      while (digit(i)) i++;
    }
    const literal = text.slice(start, i);
    const value = Number(literal);
    // kubectl keeps integer literals within int64 exact and reads everything else as float64.
    if (integral && !Number.isSafeInteger(value)) {
      const big = BigInt(literal);
      if (big <= INT64_MAX && big >= -INT64_MAX - 1n) return { value, end: i, exact: big.toString(), numberError: null };
    }
    if (!Number.isFinite(value)) {
      return { value: null, end: i, numberError: `json: cannot unmarshal number ${literal} into Go value of type float64` };
    }
    return { value: value === 0 ? 0 : value, end: i, numberError: null };
  }

  private string(start: number): { value: string; end: number } {
    const text = this.text;
    let i = start + 1;
    let out = '';
    let run = i;
    let surrogateEscape = false;
    for (;;) {
      if (i >= text.length) this.fail(i, '');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(run, i);
        return { value: surrogateEscape ? fixLoneSurrogates(out) : out, end: i + 1 };
      }
      if (c < 0x20) this.fail(i, 'in string literal');
      if (c !== 92) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      if (i + 1 >= text.length) this.fail(i + 1, '');
      const e = text.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 117) {
        let code = 0;
        for (let k = 0; k < 4; k++) {
          const h = text.charCodeAt(i + 2 + k);
          const v = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (v < 0) this.fail(i + 2 + k, 'in \\u hexadecimal character escape');
          code = code * 16 + v;
        }
        if (code >= 0xd800 && code <= 0xdfff) surrogateEscape = true;
        out += String.fromCharCode(code);
        i += 6;
      } else {
        this.fail(i + 1, 'in string escape code');
      }
      run = i;
    }
  }
}

/** Go's view of JSON strings: a lone surrogate escape decodes to U+FFFD. */
function fixLoneSurrogates(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
