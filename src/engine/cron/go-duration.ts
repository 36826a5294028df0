// Go's time.ParseDuration, with its error texts, for `@every <duration>` schedules.

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

const MAX = 1n << 63n;

/** time's quote(): non-ASCII and control bytes as \x escapes, `"` and `\` escaped. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

export type DurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

export function parseGoDuration(orig: string): DurationResult {
  const invalid = (): DurationResult => ({ ok: false, error: `time: invalid duration ${quote(orig)}` });
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0n };
  if (s === '') return invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid();
    let i = 0;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
    const intPart = s.slice(0, i);
    let v = intPart === '' ? 0n : BigInt(intPart);
    if (v > MAX) return invalid();
    s = s.slice(i);
    const pre = intPart !== '';
    let frac = '';
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      frac = s.slice(0, j);
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let u = 0;
    while (u < s.length && s[u] !== '.' && !(s[u]! >= '0' && s[u]! <= '9')) u++;
    if (u === 0) return { ok: false, error: `time: missing unit in duration ${quote(orig)}` };
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS[unitName];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${quote(unitName)} in duration ${quote(orig)}` };
    if (v > MAX / unit) return invalid();
    v *= unit;
    if (frac !== '') {
      // float64 in Go; exact enough here for whole nanoseconds
      const f = Number(`0.${frac}`) * Number(unit);
      v += BigInt(Math.trunc(f));
      if (v > MAX) return invalid();
    }
    total += v;
    if (total > MAX) return invalid();
  }
  if (neg) return { ok: true, nanoseconds: -total };
  if (total > MAX - 1n) return invalid();
  return { ok: true, nanoseconds: total };
}
