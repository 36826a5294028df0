// Kubernetes resource quantities (apimachinery pkg/api/resource, v0.35): parsing, the canonical
// string the API server stores and prints, comparison and a little arithmetic for the scheduler.
// A quantity is held exactly as unscaled × 10^exp with BigInt, so no precision is lost.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  readonly unscaled: bigint;
  /** Decimal exponent: the value is unscaled × 10^exp. */
  readonly exp: number;
  readonly format: QuantityFormat;
  /** The text as written, kept by the parser when it is already canonical (Go's cached `s`). */
  readonly cached?: string;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const INT64_MAX = (1n << 63n) - 1n;
const SUFFIX_CHARS = 'eEinumkKMGTP';

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

interface Split {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: a hand-written scanner, more lenient than its documented regex. */
function splitQuantity(str: string): Split | null {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // leading zeroes
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] === '0') pos++;
    else break;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    if (j >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && SUFFIX_CHARS.includes(str[k]!)) k++;
  if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return null;
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | null {
  if (s in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: 'DecimalSI' };
  if (s in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const n = parseGoInt64(s.slice(1));
    if (n === null) return null;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return null;
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits only, in int64 range. */
function parseGoInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n > INT64_MAX || n < -INT64_MAX - 1n ? null : n;
}

/** Divides |v| by 10^d rounding away from zero (inf.RoundUp), keeping the sign. */
function divRoundUp(v: bigint, d: bigint): bigint {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let q = a / d;
  if (q * d !== a) q += 1n;
  return neg ? -q : q;
}

export function parseQuantity(input: string): QuantityResult {
  const str = input;
  if (str.length === 0) return { ok: false, error: ERR_FORMAT_WRONG };
  if (str === '0') return { ok: true, quantity: { unscaled: 0n, exp: 0, format: 'DecimalSI', cached: '0' } };
  const parts = splitQuantity(str);
  if (!parts) return { ok: false, error: ERR_FORMAT_WRONG };
  const { positive, value, num, denom } = parts;
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return { ok: false, error: ERR_SUFFIX };
  let format = suffix.format;

  // The int64 fast path of ParseQuantity.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (suffix.exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(suffix.exponent);
      precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = suffix.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      let result = v * mantissa;
      if (result <= INT64_MAX) {
        if (!positive) result = -result;
        let keep = false;
        if (format === 'BinarySI') keep = suffix.exponent % 10 === 0 && (v & 7n) !== 0n;
        else keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const quantity: Quantity = { unscaled: result, exp: scale, format };
        return { ok: true, quantity: keep ? { ...quantity, cached: str } : quantity };
      }
    }
  }

  // The arbitrary-precision path (inf.Dec).
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] ?? '').length + (m[3] ?? '').length === 0) return { ok: false, error: ERR_NUMERIC };
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let unscaled = BigInt(digits);
  let exp = -(m[3] ?? '').length;
  if (suffix.base === 10) exp += suffix.exponent;
  else unscaled *= 1n << BigInt(suffix.exponent);
  // the sign is handled separately, as upstream does: round the magnitude up to nano precision
  if (unscaled !== 0n && exp < -9) {
    unscaled = divRoundUp(unscaled, pow10(-9 - exp));
    exp = -9;
  }
  if (format === 'BinarySI') {
    if (cmpAbs(unscaled, exp, INT64_MAX, 0) > 0) {
      unscaled = INT64_MAX;
      exp = 0;
    }
    if (unscaled !== 0n && cmpAbs(unscaled, exp, 1n, 0) < 0) format = 'DecimalSI';
  }
  if (m[1] === '-') unscaled = -unscaled;
  return { ok: true, quantity: { unscaled, exp, format } };
}

function cmpAbs(a: bigint, ae: number, b: bigint, be: number): number {
  return cmpRaw(a < 0n ? -a : a, ae, b < 0n ? -b : b, be);
}

function cmpRaw(a: bigint, ae: number, b: bigint, be: number): number {
  const e = Math.min(ae, be);
  const x = a * pow10(ae - e);
  const y = b * pow10(be - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A quantity from a decoded JSON value, as Quantity.UnmarshalJSON reads it: strings are
 * trimmed, numbers use their text, null is zero.
 */
export function parseQuantityValue(v: unknown): QuantityResult {
  if (v === null) return { ok: true, quantity: { unscaled: 0n, exp: 0, format: 'DecimalExponent' } };
  if (typeof v === 'number') return parseQuantity(String(v));
  if (typeof v === 'string') return parseQuantity(v.trim());
  return { ok: false, error: ERR_FORMAT_WRONG };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return cmpRaw(a.unscaled, a.exp, b.unscaled, b.exp);
}

export function quantitySign(q: Quantity): number {
  return q.unscaled < 0n ? -1 : q.unscaled > 0n ? 1 : 0;
}

export function isZero(q: Quantity): boolean {
  return q.unscaled === 0n;
}

/** The value at the given decimal exponent, rounded up (ScaledValue). */
export function scaledValue(q: Quantity, exp: number): bigint {
  if (q.exp >= exp) return q.unscaled * pow10(q.exp - exp);
  const d = pow10(exp - q.exp);
  const r = q.unscaled / d;
  return q.unscaled % d !== 0n && q.unscaled > 0n ? r + 1n : r;
}

export function quantityValue(q: Quantity): bigint {
  return scaledValue(q, 0);
}

export function milliValue(q: Quantity): bigint {
  return scaledValue(q, -3);
}

/** An approximate float, for arithmetic that does not need to be exact. */
export function quantityToNumber(q: Quantity): number {
  return Number(q.unscaled) * 10 ** q.exp;
}

/** RoundUp(exp): round away from zero so no digits below 10^exp remain. */
export function roundUp(q: Quantity, exp: number): Quantity {
  if (q.exp >= exp) return q;
  return { unscaled: divRoundUp(q.unscaled, pow10(exp - q.exp)), exp, format: q.format };
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exp, b.exp);
  const format = a.unscaled === 0n ? b.format : a.format;
  return { unscaled: a.unscaled * pow10(a.exp - e) + b.unscaled * pow10(b.exp - e), exp: e, format };
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return addQuantity(a, { ...b, unscaled: -b.unscaled });
}

export function newQuantity(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { unscaled: BigInt(value), exp: 0, format };
}

export function newMilliQuantity(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { unscaled: BigInt(value), exp: -3, format };
}

const DECIMAL_BY_EXP: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_BY_EXP: Record<number, string> = { 10: 'Ki', 20: 'Mi', 30: 'Gi', 40: 'Ti', 50: 'Pi', 60: 'Ei' };

/** Quantity.String(): the canonical text (or the text as written, when that was canonical). */
export function quantityString(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = cmpRaw(q.unscaled, q.exp, -1024n, 0) > 0 && cmpRaw(q.unscaled, q.exp, 1024n, 0) < 0;
    if (small || !isInteger(q)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = q.exp >= 0 ? q.unscaled * pow10(q.exp) : q.unscaled / pow10(-q.exp);
    const neg = v < 0n;
    if (neg) v = -v;
    let times = 0;
    while (v >= 1024n && v % 1024n === 0n) {
      v /= 1024n;
      times++;
    }
    // an exponent without a suffix (1024Ei and up) prints bare, as upstream does
    return `${neg ? '-' : ''}${v}${BINARY_BY_EXP[times * 10] ?? ''}`;
  }
  let v = q.unscaled;
  const neg = v < 0n;
  if (neg) v = -v;
  let exp = q.exp;
  while (v >= 10n && v % 10n === 0n) {
    v /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    v *= 10n;
    exp--;
  }
  const suffix = format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : (DECIMAL_BY_EXP[exp] ?? '');
  return `${neg ? '-' : ''}${v}${suffix}`;
}

function isInteger(q: Quantity): boolean {
  return q.exp >= 0 || q.unscaled % pow10(-q.exp) === 0n;
}
