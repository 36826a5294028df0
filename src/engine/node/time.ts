// rfc3339 with a one-entry memo: the kubelet formats the same second many times in a row (status writes of
// many pods at one instant), and Date formatting is a hot spot of large simulations.
import { rfc3339 } from '../clock/time-format.ts';

let lastSecond = Number.NaN;
let lastText = '';

export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = rfc3339(ms);
  }
  return lastText;
}
