// The kubelet's timestamps: rfc3339 (which keeps the texts of recent seconds, so the many status writes of one
// instant and the start times of running containers do not format a Date each time).
import { rfc3339 } from '../clock/time-format.ts';

export function timestamp(ms: number): string {
  return rfc3339(ms);
}
