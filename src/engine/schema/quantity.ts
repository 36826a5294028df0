// Whether a resource.Quantity parses, and the error text apimachinery's ParseQuantity returns
// (pkg/api/resource/quantity.go, 1.35). Only acceptance and the error are modelled, not the value.

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const SUFFIX_CHARS = 'eEinumkKMGTP';
const DECIMAL_SUFFIXES: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64_FACTORS = 18;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** null when `str` is a valid quantity, else the error message. */
export function quantityError(str: string): string | null {
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  if (str === '0') return null;

  // parseQuantityString: sign, leading zeros, numerator, optional denominator, suffix.
  const end = str.length;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return null; // only zeros (or a lone sign): the value is 0
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return numericCheck(str, num, '', '');
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return numericCheck(str, num, denom, '');
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i < end) {
    pos = i;
    if (str[pos] === '-' || str[pos] === '+') pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    // A character that is neither a suffix letter, a sign nor an exponent digit.
    if (i < end) return QUANTITY_FORMAT_ERROR;
  }
  return numericCheck(value, num, denom, str.slice(suffixStart));
}

function numericCheck(value: string, num: string, denom: string, suffix: string): string | null {
  let base: number;
  let exponent: number;
  if (suffix in DECIMAL_SUFFIXES) {
    base = 10;
    exponent = DECIMAL_SUFFIXES[suffix];
  } else if (suffix in BINARY_SUFFIXES) {
    base = 2;
    exponent = BINARY_SUFFIXES[suffix];
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    // strconv.ParseInt(suffix[1:], 10, 64) must succeed
    const n = BigInt(suffix.slice(1));
    if (n > 9223372036854775807n || n < -9223372036854775808n) return QUANTITY_SUFFIX_ERROR;
    base = 10;
    exponent = Number(n);
  } else {
    return QUANTITY_SUFFIX_ERROR;
  }
  // The int64 fast path covers short numbers; otherwise inf.Dec.SetString parses `value`
  // (sign, digits, optional point and digits), which fails only when it holds no digit.
  let precision: number;
  if (base === 10) precision = MAX_INT64_FACTORS - (num.length + denom.length);
  else precision = exponent >= 0 && denom.length === 0 ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 : -1;
  const scale = base === 10 ? exponent - denom.length : -denom.length;
  if (precision >= 0 && scale >= -9) return null;
  return /\d/.test(value) ? null : QUANTITY_NUMERIC_ERROR;
}
