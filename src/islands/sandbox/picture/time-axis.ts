// Ticks of the timeline's time axis: a "nice" step (1 s, 5 s, 1 min, 1 h …) that leaves room for the labels.
import { clockTime } from './format.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  100, 200, 500, SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE,
  10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY,
];

export interface Axis {
  step: number;
  ticks: number[];
}

/** Ticks between t0 and t1 at least `minGapPx` apart on a `widthPx` wide axis. */
export function axisTicks(t0: number, t1: number, widthPx: number, minGapPx = 84): Axis {
  const msPerPx = (t1 - t0) / Math.max(1, widthPx);
  const step = STEPS.find((s) => s / msPerPx >= minGapPx) ?? STEPS[STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return { step, ticks };
}

/** A tick's label: seconds when the step is under a minute, the date when the axis spans days. */
export function tickLabel(t: number, step: number, spanMs: number): string {
  const text = clockTime(t, spanMs >= DAY || step >= DAY);
  if (step < SECOND) return `${text}.${String(t % 1000).padStart(3, '0').slice(0, 1)}`;
  return step >= MINUTE ? text.slice(0, -3) : text;
}
