// metav1.Time strings read back as ms. A CronJob's syncs re-read the same few timestamps (creation, last
// schedule, Jobs' start and completion times) over and over, so parsed values are remembered.
import { parseRfc3339 } from '../../clock/time-format.ts';

const parsed = new Map<string, number | null>();
const MAX_REMEMBERED = 4096;

export function timeMs(s: string): number | null {
  let ms = parsed.get(s);
  if (ms === undefined) {
    ms = parseRfc3339(s);
    if (parsed.size >= MAX_REMEMBERED) parsed.clear();
    parsed.set(s, ms);
  }
  return ms;
}
