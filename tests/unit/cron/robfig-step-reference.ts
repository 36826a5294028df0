// TEST HELPER ONLY — robfig/cron v3.0.1 SpecSchedule.Next transcribed loop for loop (one second, minute,
// hour, day or month per step, no shortcuts), on top of the engine's Go time functions. The engine's
// nextTime takes runs of steps in one jump; tests compare the two on many inputs.
import { addDate, goDate, GO_ZERO_TIME_MS, wallClock } from '../../../src/engine/cron/go-time.ts';
import type { SpecSchedule } from '../../../src/engine/cron/parse-schedule.ts';

export function stepwiseNext(s: SpecSchedule, afterMs: number): number {
  const zone = s.location === 'Local' ? 'UTC' : s.location;
  const has = (values: readonly number[], v: number) => values.includes(v);
  const dayMatches = (day: number, weekday: number) => {
    const dom = has(s.dom.values, day);
    const dow = has(s.dow.values, weekday);
    return s.dom.star || s.dow.star ? dom && dow : dom || dow;
  };
  let t = Math.floor(afterMs / 1000) + 1;
  let added = false;
  const yearLimit = wallClock(zone, t).year + 5;
  wrap: for (;;) {
    let w = wallClock(zone, t);
    if (w.year > yearLimit) return GO_ZERO_TIME_MS;
    while (!has(s.month.values, w.month)) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, 1, 0, 0, 0);
      }
      t = addDate(zone, t, 0, 1, 0);
      w = wallClock(zone, t);
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(w.day, w.weekday)) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, w.day, 0, 0, 0);
      }
      t = addDate(zone, t, 0, 0, 1);
      w = wallClock(zone, t);
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600;
        w = wallClock(zone, t);
      }
      if (w.day === 1) continue wrap;
    }
    while (!has(s.hour.values, w.hour)) {
      if (!added) {
        added = true;
        t = goDate(zone, w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += 3600;
      w = wallClock(zone, t);
      if (w.hour === 0) continue wrap;
    }
    while (!has(s.minute.values, w.minute)) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60) * 60;
      }
      t += 60;
      w = wallClock(zone, t);
      if (w.minute === 0) continue wrap;
    }
    while (!has(s.second.values, w.second)) {
      added = true;
      t += 1;
      w = wallClock(zone, t);
      if (w.second === 0) continue wrap;
    }
    return t * 1000;
  }
}
