// What `perl -Mbignum=bpi -wle 'print bpi(N)'` prints (the Job example of the Kubernetes docs, N = 2000):
// Math::BigFloat's bpi(N) is π rounded to N significant digits (its default round mode 'even'), printed
// without trailing zeros. Computed here exactly with BigInt (Machin's formula π = 16·atan(1/5) − 4·atan(1/239),
// guard digits, then rounding), so the lab prints the same 2000 digits as the real container.

const GUARD = 12n;

/** ⌊atan(1/x) · scale⌋ (approximately; the guard digits absorb the truncation error). */
function atanInverse(x: bigint, scale: bigint): bigint {
  const x2 = x * x;
  let term = scale / x;
  let sum = term;
  for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
    term /= x2;
    sum += (sign * term) / n;
  }
  return sum;
}

const cache = new Map<number, string>();

/** The text of bpi(digits): `3.1415…` with `digits` significant digits. */
export function bpi(digits: number): string {
  const cached = cache.get(digits);
  if (cached) return cached;
  const n = BigInt(Math.max(1, Math.floor(digits)));
  const scale = 10n ** (n - 1n + GUARD);
  const pi = 16n * atanInverse(5n, scale) - 4n * atanInverse(239n, scale);
  // pi / 10^GUARD, rounded half to even, gives the n significant digits (the first is the 3).
  const unit = 10n ** GUARD;
  let q = pi / unit;
  const r = pi % unit;
  if (r * 2n > unit || (r * 2n === unit && q % 2n === 1n)) q += 1n;
  let text = q.toString();
  text = text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  cache.set(digits, text);
  return text;
}
