// activePodsForRemoval (job_controller.go, reference §4.4): Indexed Jobs first give up pods without a valid
// index, with an index at or above completions, and all but one pod of a repeated index (the one kept is the
// last in ActivePods order); then, if more must go, the rest in controller.ActivePods order — unassigned,
// Pending < Unknown < Running, not ready, more recently ready, more restarts, newer — the §2.2 ranking without
// deletion cost, node spreading or log₂ buckets. Pods are only ranked when a choice has to be made.
import { podFacts, type PodFacts } from '../replicaset/pod-facts.ts';
import type { JobPod } from './job-pods.ts';

/** controller.ActivePods.Less: true when `a` goes before `b`. */
export function activePodsLess(a: PodFacts, b: PodFacts): boolean {
  if (a.nodeName !== b.nodeName && (a.nodeName === '' || b.nodeName === '')) return a.nodeName === '';
  if (a.phaseOrdinal !== b.phaseOrdinal) return a.phaseOrdinal < b.phaseOrdinal;
  if (a.ready !== b.ready) return !a.ready;
  if (a.ready && b.ready && a.readySince !== b.readySince) return afterOrZero(a.readySince, b.readySince);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.createdAt !== b.createdAt) return afterOrZero(a.createdAt, b.createdAt);
  return false;
}

/** afterOrZero: the zero time first, then the later time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** The pods in ActivePods order (a stable sort: full ties keep their order). */
export function sortActive(pods: readonly JobPod[]): JobPod[] {
  const ranked = pods.map((p) => ({ p, f: podFacts(p.pod) }));
  ranked.sort((a, b) => (activePodsLess(a.f, b.f) ? -1 : activePodsLess(b.f, a.f) ? 1 : 0));
  return ranked.map((r) => r.p);
}

/** The pods to delete: at least `rmAtLeast`, more when an Indexed Job has invalid or repeated indexes. */
export function activePodsForRemoval(pods: readonly JobPod[], rmAtLeast: number, indexedCompletions: number | null): JobPod[] {
  const rm: JobPod[] = [];
  let left: JobPod[];
  if (indexedCompletions !== null) {
    left = [];
    const byIndex = [...pods].sort((a, b) => a.index - b.index);
    let i = 0;
    while (i < byIndex.length) {
      const ix = byIndex[i]!.index;
      if (ix >= indexedCompletions) {
        rm.push(...byIndex.slice(i));
        break;
      }
      let j = i;
      while (j < byIndex.length && byIndex[j]!.index === ix) j++;
      if (ix < 0) rm.push(...byIndex.slice(i, j));
      else if (j - i === 1) left.push(byIndex[i]!);
      else {
        const same = sortActive(byIndex.slice(i, j));
        rm.push(...same.slice(0, -1));
        left.push(same[same.length - 1]!);
      }
      i = j;
    }
  } else {
    left = [...pods];
  }
  if (rm.length < rmAtLeast) rm.push(...sortActive(left).slice(0, rmAtLeast - rm.length));
  return rm;
}
