// The `date` command's formatting (C locale, UTC — containers run with TZ unset): the default
// `%a %b %e %H:%M:%S %Z %Y` (`Sun Mar  1 12:00:07 UTC 2026`, as busybox and GNU date print it) and the
// common `+FORMAT` conversions.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const start = Date.UTC(Y, 0, 1);
  const conv: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()]!.slice(0, 3),
    A: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[m]!.slice(0, 3),
    h: () => MONTHS[m]!.slice(0, 3),
    B: () => MONTHS[m]!,
    d: () => p2(day),
    e: () => String(day).padStart(2, ' '),
    H: () => p2(H),
    I: () => p2(H % 12 === 0 ? 12 : H % 12),
    p: () => (H < 12 ? 'AM' : 'PM'),
    M: () => p2(M),
    S: () => p2(S),
    Y: () => String(Y),
    y: () => p2(Y % 100),
    m: () => p2(m + 1),
    j: () => String(Math.floor((Date.UTC(Y, m, day) - start) / 86_400_000) + 1).padStart(3, '0'),
    s: () => String(Math.floor(ms / 1000)),
    N: () => String((ms % 1000) * 1_000_000).padStart(9, '0'),
    T: () => `${p2(H)}:${p2(M)}:${p2(S)}`,
    R: () => `${p2(H)}:${p2(M)}`,
    D: () => `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`,
    F: () => `${Y}-${p2(m + 1)}-${p2(day)}`,
    Z: () => 'UTC',
    z: () => '+0000',
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => conv[c]?.() ?? all);
}
