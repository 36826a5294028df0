// The few Go strconv / time parsers go-yaml's `resolve` relies on, with Go's acceptance rules.

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

export interface GoInteger {
  /** The value as a JS number (exact when |v| <= 2^53). */
  value: number;
  /** Exact decimal text when the value is not a safe integer. */
  exact?: string;
}

function lower(c: string): string {
  return c.toLowerCase();
}

/** Digits of `s` in `base`, or null; `s` has no sign, no prefix and no underscores. */
function digitsValue(s: string, base: number): bigint | null {
  if (s === '') return null;
  // Fast path for ordinary decimal numbers.
  if (base === 10 && s.length <= 15 && /^[0-9]+$/.test(s)) return BigInt(Number(s));
  let n = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else if (c >= 65 && c <= 90) d = c - 55;
    else return null;
    if (d >= base) return null;
    n = n * b + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  return n;
}

/** strconv.ParseUint(s, 0, 64) for a string without underscores. */
function parseUintBase0(s: string): bigint | null {
  if (s === '') return null;
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? lower(s[1]!) : '';
    if (p === 'b') [base, digits] = [2, s.slice(2)];
    else if (p === 'o') [base, digits] = [8, s.slice(2)];
    else if (p === 'x') [base, digits] = [16, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
    if (digits === '') return base === 8 ? 0n : null;
  }
  return digitsValue(digits, base);
}

function toGoInteger(n: bigint): GoInteger {
  const value = Number(n);
  if (Number.isSafeInteger(value)) return { value: value === 0 ? 0 : value };
  return { value, exact: n.toString() };
}

/** strconv.ParseInt(s, 0, 64): optional sign, Go base prefixes, int64 range. */
export function parseInt64(s: string): GoInteger | null {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUintBase0(body);
  if (u === null) return null;
  if (!neg && u > INT64_MAX) return null;
  if (neg && u > INT64_MAX + 1n) return null;
  return toGoInteger(neg ? -u : u);
}

/** strconv.ParseUint(s, 0, 64): no sign. */
export function parseUint64(s: string): GoInteger | null {
  if (s[0] === '+' || s[0] === '-') return null;
  const u = parseUintBase0(s);
  return u === null ? null : toGoInteger(u);
}

/** strconv.ParseInt(s, base, 64) for an explicit base (go-yaml's extra 0b handling). */
export function parseInt64Base(s: string, base: number): GoInteger | null {
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = digitsValue(body, base);
  if (u === null) return null;
  if (!neg && u > INT64_MAX) return null;
  if (neg && u > INT64_MAX + 1n) return null;
  return toGoInteger(neg ? -u : u);
}

export function parseUint64Base(s: string, base: number): GoInteger | null {
  const u = digitsValue(s, base);
  return u === null ? null : toGoInteger(u);
}

/** Go's underscoreOK for a decimal literal: `_` only between digits. */
function underscoresOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/**
 * strconv.ParseFloat(s, 64) restricted to what go-yaml can hand it: decimal literals.
 * Returns null on a syntax error and on overflow (Go's ErrRange), as go-yaml treats both.
 */
export function parseFloat64(s: string): number | null {
  let text = s;
  if (s.includes('_')) {
    if (!underscoresOK(s)) return null;
    text = s.replace(/_/g, '');
  }
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

// ---- time.Parse with go-yaml's four timestamp layouts ----------------------------------------

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-](\d\d):(\d\d))$/;
const DATE_SPACE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) +(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, Number(y));
}

function validTime(h: string, m: string, s: string): boolean {
  return Number(h) < 24 && Number(m) < 60 && Number(s) < 60;
}

/** go-yaml's parseTimestamp: `YYYY-` then one of its time.Parse layouts. */
export function isGoTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  let m = DATE_TIME.exec(s);
  if (m) {
    if (m[8] !== undefined && (Number(m[8]) > 24 || Number(m[9]) > 60)) return false;
    return validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!);
  }
  m = DATE_SPACE_TIME.exec(s);
  if (m) return validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!);
  m = DATE.exec(s);
  return m !== null && validDate(m[1]!, m[2]!, m[3]!);
}
