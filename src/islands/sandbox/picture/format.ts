// Simulated time and quantities as the picture writes them. Simulated time is shown as UTC clock time (the
// default start is 2026-01-01T00:00:00Z, so it reads as time since start); a date is added when it matters.
import type { PodView } from '../../../engine/picture/types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS`, with `Mon D ` in front when `withDate`. */
export function clockTime(ms: number, withDate = false): string {
  const d = new Date(ms);
  const t = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withDate ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${t}` : t;
}

export function sameUtcDay(a: number, b: number): boolean {
  return Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000);
}

/** A span like kubectl's ages: `450ms`, `12s`, `3m20s`, `2h5m`, `3d4h`. */
export function span(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function cpu(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  return milli >= 1000 ? (milli / 1000).toFixed(1).replace(/\.0$/, '') : `${milli}m`;
}

export function bytes(n: number): string {
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${units[i]}`;
}

/** `1 pod`, `3 pods`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A pod as a chip's accessible name and tooltip say it: name, kubectl's STATUS, readiness, restarts, GPUs. */
export function describePod(p: PodView): string {
  const parts = [p.name, p.status];
  if (p.ready !== '0/0') parts.push(`ready ${p.ready}`);
  if (p.restarts) parts.push(plural(p.restarts, 'restart'));
  if (p.gpus) parts.push(plural(p.gpus, 'GPU'));
  return parts.join(', ');
}
