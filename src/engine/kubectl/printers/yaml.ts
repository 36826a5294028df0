// kubectl's YAML printer: JSON → sigs.k8s.io/yaml `JSONToYAML` → go-yaml v2's emitter. What that emitter
// does, reproduced here: block style with 2-space indent, sequences inside mappings not indented, keys
// sorted, `{}`/`[]` for empty collections; strings plain when go-yaml would read them back as strings and
// no indicator forbids it, else single-quoted, else double-quoted (values that resolve to bool/int/float/
// null/timestamp are double-quoted: `"True"`, `"1013"`, `""`, `"2026-11-29T09:42:08Z"`); multi-line
// strings as literal blocks; long plain/quoted strings folded at spaces past column 80 (best_width).
import { decodeScalar } from '../../yaml/resolve.ts';
import { isGoTimestamp } from '../../yaml/go-numbers.ts';
import { compareBytes } from './json.ts';

const BEST_WIDTH = 80;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const isBlank = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

type Style = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml's `stringv` + `yaml_emitter_analyze_scalar` + `select_scalar_style` for a block-context scalar. */
export function scalarStyle(s: string, isKey: boolean): Style {
  let resolvesToString = true;
  try {
    resolvesToString = decodeScalar('', true, s).t === 'str' && !isGoTimestamp(s);
  } catch {
    resolvesToString = true;
  }
  const multiline = s.includes('\n');
  if (!multiline && (!resolvesToString || BASE60.test(s))) return 'double';
  const chars = [...s];
  let blockIndicators = false;
  let special = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let spaceBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    const next = chars[i + 1];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && isBlank(next)) blockIndicators = true;
    } else {
      if (c === ':' && isBlank(next)) blockIndicators = true;
      if (c === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t')) blockIndicators = true;
    }
    if (!isPrintable(cp) || cp === 0xfeff) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (next === '\n') spaceBreak = true;
    }
    if (c === '\n' && i === 0) leadingSpace = true;
  }
  const plainAllowed = !multiline && !blockIndicators && !special && !leadingSpace && !trailingSpace && s !== '';
  if (plainAllowed) return 'plain';
  if (multiline) {
    if (isKey || special || spaceBreak || leadingSpace || trailingSpace) return 'double';
    return 'literal';
  }
  if (!special && !spaceBreak) return 'single';
  return 'double';
}

function escapeDouble(c: string): string {
  const cp = c.codePointAt(0)!;
  switch (c) {
    case '"': return '\\"';
    case '\\': return '\\\\';
    case '\0': return '\\0';
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\t': return '\\t';
    case '\n': return '\\n';
    case '\v': return '\\v';
    case '\f': return '\\f';
    case '\r': return '\\r';
    case '\x1b': return '\\e';
    case '\x85': return '\\N';
    case '\xa0': return '\\_';
    case '\u2028': return '\\L';
    case '\u2029': return '\\P';
  }
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Writes text while tracking the column, as the emitter does for its line-folding decisions. */
class Out {
  text = '';
  column = 0;
  write(s: string): void {
    this.text += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + [...s].length : [...s.slice(nl + 1)].length;
  }
  indent(n: number): void {
    this.write(`\n${' '.repeat(n)}`);
  }
}

function writeScalar(out: Out, s: string, indent: number, isKey: boolean): void {
  const style = scalarStyle(s, isKey);
  const chars = [...s];
  const breaks = !isKey;
  if (style === 'plain') {
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (breaks && !spaces && out.column > BEST_WIDTH && chars[i + 1] !== ' ') out.indent(indent);
        else out.write(c);
        spaces = true;
      } else {
        out.write(c);
        spaces = false;
      }
    }
  } else if (style === 'single') {
    out.write("'");
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (breaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') out.indent(indent);
        else out.write(c);
        spaces = true;
      } else {
        out.write(c === "'" ? "''" : c);
        spaces = false;
      }
    }
    out.write("'");
  } else if (style === 'double') {
    out.write('"');
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || c === '\n' || c === '"' || c === '\\' || cp === 0x85 || cp === 0x2028 || cp === 0x2029) {
        out.write(escapeDouble(c));
        spaces = false;
      } else if (c === ' ') {
        if (breaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          out.indent(indent);
          if (chars[i + 1] === ' ') out.write('\\');
        } else out.write(c);
        spaces = true;
      } else {
        out.write(c);
        spaces = false;
      }
    }
    out.write('"');
  } else {
    // Literal block: chomping by the trailing newlines (`|-` none, `|` one, `|+` more).
    const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') ? '+' : '';
    out.write(`|${chomp}`);
    const body = chomp === '' ? s.slice(0, -1) : chomp === '+' ? s.slice(0, -1) : s;
    for (const line of body.split('\n')) {
      if (line === '') out.write('\n');
      else out.indent(indent), out.write(line);
    }
  }
}

function isEmptyCollection(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length === 0 : Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).length === 0);
}

function writeInline(out: Out, v: unknown, indent: number): void {
  if (v === null || v === undefined) out.write('null');
  else if (typeof v === 'boolean') out.write(String(v));
  else if (typeof v === 'number') out.write(Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');
  else if (typeof v === 'string') writeScalar(out, v, indent, false);
  else if (Array.isArray(v)) out.write('[]');
  else out.write('{}');
}

/** A mapping whose keys start at column `indent` (the first key is written where the cursor is). */
function writeMap(out: Out, o: Record<string, unknown>, indent: number, first: boolean): void {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(compareBytes);
  keys.forEach((k, i) => {
    if (i > 0 || !first) out.indent(indent);
    writeScalar(out, k, indent, true);
    out.write(':');
    writeValue(out, o[k], indent, true);
  });
}

function writeSeq(out: Out, a: unknown[], indent: number, first: boolean): void {
  a.forEach((item, i) => {
    if (i > 0 || !first) out.indent(indent);
    out.write('-');
    writeValue(out, item, indent, false);
  });
}

/** A value after `key:` (inMap) or `-`, with the container's indent. */
function writeValue(out: Out, v: unknown, indent: number, inMap: boolean): void {
  if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
    if (Array.isArray(v)) {
      if (inMap) writeSeq(out, v, indent, false); // sequences under a key are not indented
      else {
        out.write(' ');
        writeSeq(out, v, indent + 2, true);
      }
    } else if (inMap) writeMap(out, v as Record<string, unknown>, indent + 2, false);
    else {
      out.write(' ');
      writeMap(out, v as Record<string, unknown>, indent + 2, true);
    }
    return;
  }
  out.write(' ');
  writeInline(out, v, indent + 2);
}

export function printYAML(obj: unknown): string {
  const out = new Out();
  if (obj !== null && typeof obj === 'object' && !isEmptyCollection(obj)) {
    if (Array.isArray(obj)) writeSeq(out, obj, 0, true);
    else writeMap(out, obj as Record<string, unknown>, 0, true);
  } else writeInline(out, obj, 0);
  return `${out.text}\n`;
}
