// Go formatting rules the reader's texts depend on: strconv.FormatFloat(f, 'g', -1, 32) for
// float map keys, fmt's %#v for values quoted in error messages, encoding/json's quoteChar.
import { goQuote } from '../validate/field.ts';

/** Shortest decimal digits that identify `x` among float32 (or float64) values. */
function shortestDigits(x: number, float32: boolean): { digits: string; exp: number } {
  for (let k = 1; k <= 17; k++) {
    const s = Math.abs(x).toExponential(k - 1);
    const back = Number(s);
    if ((float32 ? Math.fround(back) : back) === Math.abs(x)) {
      const [mantissa, e] = s.split('e') as [string, string];
      return { digits: mantissa.replace('.', ''), exp: Number(e) };
    }
  }
  const s = Math.abs(x).toExponential(16);
  const [mantissa, e] = s.split('e') as [string, string];
  return { digits: mantissa.replace('.', ''), exp: Number(e) };
}

function expForm(sign: string, digits: string, exp: number): string {
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
}

function plainForm(sign: string, digits: string, exp: number): string {
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** %g with the shortest precision; Go switches to exponent form at `exp >= eprec`. */
function formatG(f: number, float32: boolean, eprec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  if (f === 0) return `${sign}0`;
  const { digits, exp } = shortestDigits(f, float32);
  return exp < -4 || exp >= eprec ? expForm(sign, digits, exp) : plainForm(sign, digits, exp);
}

/** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml writes float map keys. */
export function formatFloat32G(f: number): string {
  const x = Math.fround(f);
  return formatG(x, true, 6);
}

/** fmt's %v for a float64. */
export function formatFloatV(f: number): string {
  return formatG(f, false, 21);
}

/** fmt's %#v of one non-collection value (`nested`: inside a slice or map). */
function goSyntaxScalar(value: unknown, nested: boolean): string {
  if (value === null || value === undefined) return nested ? 'interface {}(nil)' : '<nil>';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : formatFloatV(value);
  return String(value);
}

/**
 * fmt's %#v of a decoded value, as go-yaml and sigs.k8s.io/yaml print it in errors:
 * `[]interface {}{"a", 1}`, `map[interface {}]interface {}{"k":"v"}`. Iterative (values can be
 * nested thousands of levels deep).
 */
export function goSyntax(value: unknown): string {
  let out = '';
  const work: Array<{ v: unknown; nested: boolean } | string> = [{ v: value, nested: false }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const v = item.v;
    if (Array.isArray(v)) {
      const parts: Array<{ v: unknown; nested: boolean } | string> = ['[]interface {}{'];
      v.forEach((x, i) => {
        if (i > 0) parts.push(', ');
        parts.push({ v: x, nested: true });
      });
      parts.push('}');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else if (v !== null && typeof v === 'object') {
      const parts: Array<{ v: unknown; nested: boolean } | string> = ['map[interface {}]interface {}{'];
      Object.keys(v).sort(compareGoStrings).forEach((k, i) => {
        parts.push(`${i > 0 ? ', ' : ''}${goQuote(k)}:`);
        parts.push({ v: (v as Record<string, unknown>)[k], nested: true });
      });
      parts.push('}');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else {
      out += goSyntaxScalar(v, item.nested);
    }
  }
  return out;
}

/** encoding/json's quoteChar: the offending byte, quoted with single quotes. */
export function jsonQuoteChar(codePoint: number): string {
  // The byte is the first UTF-8 byte of the character, shown as a Latin-1 rune.
  let b = codePoint;
  if (codePoint >= 0x10000) b = 0xf0 | (codePoint >> 18);
  else if (codePoint >= 0x800) b = 0xe0 | (codePoint >> 12);
  else if (codePoint >= 0x80) b = 0xc0 | (codePoint >> 6);
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return `'"'`;
  const printable = (b >= 0x20 && b < 0x7f) || (b >= 0xa1 && b !== 0xad);
  let s: string;
  if (printable) s = String.fromCharCode(b);
  else if (b === 7) s = '\\a';
  else if (b === 8) s = '\\b';
  else if (b === 12) s = '\\f';
  else if (b === 10) s = '\\n';
  else if (b === 13) s = '\\r';
  else if (b === 9) s = '\\t';
  else if (b === 11) s = '\\v';
  else if (b < 0x80) s = `\\x${b.toString(16).padStart(2, '0')}`;
  else s = `\\u${b.toString(16).padStart(4, '0')}`;
  if (s === '\\') s = '\\\\';
  return `'${s}'`;
}

/** Go's string ordering (bytewise UTF-8, i.e. code point order). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) sort after U+E000..U+FFFF in code point order.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}
