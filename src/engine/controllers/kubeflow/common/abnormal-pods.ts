// `core.RecordAbnormalPods` (release-1.9 pkg/core/job.go; reference §4.10): on every pass, each active pod that
// looks wrong leaves a Warning on the job — a container terminated with a non-zero code or waiting with a message
// (CrashLoopBackOff, ErrImagePull …), else an init container doing so, else, for a pod without container
// statuses, its most recent condition when that is not True (an Unschedulable pod). Repeats aggregate.
import type { ContainerStatus, Pod } from '../../../api/kinds.ts';

export type RecordWarning = (reason: string, message: string) => void;

function recordContainer(pod: Pod, s: ContainerStatus, warn: RecordWarning): void {
  const t = s.state?.terminated;
  if (t && t.exitCode !== 0) {
    warn(t.reason ?? '', `Error pod ${pod.metadata.name} container ${s.name} exitCode: ${t.exitCode} terminated message: ${t.message ?? ''}`);
  }
  const w = s.state?.waiting;
  if (w && w.message) warn(w.reason ?? '', `Error pod ${pod.metadata.name} container ${s.name} waiting message: ${w.message}`);
}

export function recordAbnormalPods(activePods: readonly Pod[], warn: RecordWarning): void {
  for (const pod of activePods) {
    const containers = pod.status?.containerStatuses ?? [];
    if (containers.length) {
      for (const s of containers) recordContainer(pod, s, warn);
      continue;
    }
    const inits = pod.status?.initContainerStatuses ?? [];
    if (inits.length) {
      for (const s of inits) recordContainer(pod, s, warn);
      continue;
    }
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.length) continue;
    // The most recent transition first (upstream sorts with sort.Slice; this stable sort keeps ties in order).
    const at = (t: string | undefined) => Date.parse(t ?? '') || 0;
    const latest = [...conditions].sort((a, b) => at(b.lastTransitionTime) - at(a.lastTransitionTime))[0]!;
    if (latest.status === 'True') continue;
    warn(latest.reason ?? '', `Error pod ${pod.metadata.name} condition message: ${latest.message ?? ''}`);
  }
}
