// When a zone's UTC offset next changes (a daylight-saving transition): a schedule read in that zone repeats
// itself between transitions, not across them. Offsets are sampled a day apart, and a day whose two ends
// disagree is searched to the second.
import { zoneOffsetSeconds } from '../../cron/go-time.ts';

const DAY_S = 86_400;

/** The first instant (ms) after `fromMs` and at or before `untilMs` with another offset than `fromMs`, or null. */
export function nextOffsetChange(zone: string, fromMs: number, untilMs: number): number | null {
  const from = Math.floor(fromMs / 1000);
  const until = Math.floor(untilMs / 1000);
  const offset = zoneOffsetSeconds(zone, from);
  for (let day = from; day < until; day += DAY_S) {
    const end = Math.min(day + DAY_S, until);
    if (zoneOffsetSeconds(zone, end) === offset) continue;
    // the change lies in (day, end]: the first second with another offset
    let lo = day;
    let hi = end;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (zoneOffsetSeconds(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi * 1000;
  }
  return null;
}
