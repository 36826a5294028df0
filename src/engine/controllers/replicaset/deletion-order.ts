// Which pods a ReplicaSet deletes first on scale-down (§2.2): ActivePodsWithRanks.Less of
// pkg/controller/controller_utils.go with the PodDeletionCost and LogarithmicScaleDown gates on (1.35), and
// getPodsToDelete / getPodsRankedByRelatedPodsOnSameNode of pkg/controller/replicaset. Works on pre-read
// PodFacts and per-node counts so that ranking a thousand pods costs no parsing and no copying.
import type { Pod } from '../../api/kinds.ts';
import { podFacts, type PodFacts } from './pod-facts.ts';

export { POD_DELETION_COST_ANNOTATION, podDeletionCost } from './pod-state.ts';

/**
 * floor(log₂ x) for x ≥ 1, by the exponent — what upstream's int64(math.Log2(float64(d))) gives: Go's Log2
 * (frexp, then Log of the fraction) is exact at powers of two and otherwise lies strictly between the two
 * exponents around x.
 */
export function log2Floor(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return e;
}

/** The log₂ bucket of a timestamp's age: trunc(log2(now − t in ns)), −1 when t is not in the past. */
function ageBucket(t: number, nowMs: number, memo: Map<number, number>): number {
  let b = memo.get(t);
  if (b === undefined) {
    const ns = (nowMs - t) * 1e6;
    b = ns >= 1 ? log2Floor(ns) : -1;
    memo.set(t, b);
  }
  return b;
}

/** What ranking needs besides the pods: active related pods per node, and now for the log₂ buckets. */
export interface RankContext {
  /** Active pods per node among the pods of every ReplicaSet with the same controlling owner (§2.2 rule 5). */
  onNode: ReadonlyMap<string, number>;
  nowMs: number;
  /** Age buckets by timestamp (timestamps have second precision: few distinct ones). */
  buckets: Map<number, number>;
}

export function rankContext(onNode: ReadonlyMap<string, number>, nowMs: number): RankContext {
  return { onNode, nowMs, buckets: new Map() };
}

/** Newer first, by log₂ age bucket with the UID as tie-break; the zero time counts as newest (afterOrZero). */
function newerFirst(a: PodFacts, ta: number | undefined, b: PodFacts, tb: number | undefined, c: RankContext): boolean {
  if (ta === undefined || tb === undefined) return ta === undefined;
  const ba = ageBucket(ta, c.nowMs, c.buckets);
  const bb = ageBucket(tb, c.nowMs, c.buckets);
  if (ba === bb) return a.pod.metadata.uid < b.pod.metadata.uid;
  return ba < bb;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function deleteBefore(a: PodFacts, b: PodFacts, c: RankContext): boolean {
  // 1. unassigned < assigned
  if (a.nodeName !== b.nodeName && (a.nodeName === '' || b.nodeName === '')) return a.nodeName === '';
  // 2. Pending < Unknown < Running
  if (a.phaseOrdinal !== b.phaseOrdinal) return a.phaseOrdinal < b.phaseOrdinal;
  // 3. not ready < ready
  if (a.ready !== b.ready) return !a.ready;
  // 4. lower pod-deletion-cost < higher
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost;
  // 5. doubled up (more related pods on the node) < not doubled up
  const ra = c.onNode.get(a.nodeName) ?? 0;
  const rb = c.onNode.get(b.nodeName) ?? 0;
  if (ra !== rb) return ra > rb;
  // 6. both ready: more recently ready first (empty time first), in log₂ buckets
  if (a.ready && b.ready && a.readySince !== b.readySince) return newerFirst(a, a.readySince, b, b.readySince, c);
  // 7. more container restarts first
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  // 8. newer creationTimestamp first (empty first), in log₂ buckets
  if (a.createdAt !== b.createdAt) return newerFirst(a, a.createdAt, b, b.createdAt, c);
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode's counts: active pods per node. */
export function activePerNode(related: Iterable<PodFacts>): Map<string, number> {
  const onNode = new Map<string, number>();
  for (const p of related) if (p.active) onNode.set(p.nodeName, (onNode.get(p.nodeName) ?? 0) + 1);
  return onNode;
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order (nothing to rank when all of them go). Full ties
 * keep their listing order (upstream's order for ties is unspecified). A few victims are picked by
 * selection, many by sorting; both give the order of a stable sort.
 */
export function chooseVictims(active: readonly PodFacts[], onNode: ReadonlyMap<string, number>, diff: number, nowMs: number): PodFacts[] {
  if (diff >= active.length) return active.slice(0, diff);
  const ranked = rankAll(active, rankContext(onNode, nowMs));
  if (diff > 16) return ranked.sort(compareRanked).slice(0, diff).map((r) => r.facts);
  const out: PodFacts[] = [];
  const taken = new Uint8Array(ranked.length);
  for (let k = 0; k < diff; k++) {
    let best = -1;
    for (let i = 0; i < ranked.length; i++) if (!taken[i] && (best < 0 || compareRanked(ranked[i]!, ranked[best]!) < 0)) best = i;
    taken[best] = 1;
    out.push(ranked[best]!.facts);
  }
  return out;
}

// ---- ranking with the keys read once -------------------------------------------------------------------------
// A scale-down of a thousand pods sorts them: about ten thousand comparisons, each of which would ask
// deleteBefore twice (a before b? b before a?) and look up node counts and age buckets in maps. compareRanked
// gives the same answer in one pass over keys read once per pod (tests/unit/perf: it equals
// `deleteBefore(a, b) ? -1 : deleteBefore(b, a) ? 1 : 0` for every pair), so the sort sees the same results.

/** A pod with the values its ranking reads. */
export interface RankedPod {
  readonly facts: PodFacts;
  /** Active related pods on its node (rule 5). */
  readonly related: number;
  /** The log₂ age buckets of readySince and createdAt (−2 when the time is undefined: not read then). */
  readonly readyBucket: number;
  readonly createdBucket: number;
}

export function rankAll(active: readonly PodFacts[], c: RankContext): RankedPod[] {
  return active.map((facts) => ({
    facts,
    related: c.onNode.get(facts.nodeName) ?? 0,
    readyBucket: facts.readySince === undefined ? -2 : ageBucket(facts.readySince, c.nowMs, c.buckets),
    createdBucket: facts.createdAt === undefined ? -2 : ageBucket(facts.createdAt, c.nowMs, c.buckets),
  }));
}

/** Three-way newerFirst: −1 when `a` is newer, 1 when `b` is, 0 when neither comes first. */
function compareNewer(a: PodFacts, ta: number | undefined, ba: number, b: PodFacts, tb: number | undefined, bb: number): number {
  // (as newerFirst both ways: when both are undefined each is "first", and the comparator took the first answer)
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  if (ba === bb) {
    const ua = a.pod.metadata.uid;
    const ub = b.pod.metadata.uid;
    return ua < ub ? -1 : ub < ua ? 1 : 0;
  }
  return ba < bb ? -1 : bb < ba ? 1 : 0;
}

/** −1 when `a` is deleted before `b`, 1 when after, 0 when neither: the rules of deleteBefore, in one pass. */
export function compareRanked(x: RankedPod, y: RankedPod): number {
  const a = x.facts;
  const b = y.facts;
  if (a.nodeName !== b.nodeName && (a.nodeName === '' || b.nodeName === '')) return a.nodeName === '' ? -1 : 1;
  if (a.phaseOrdinal !== b.phaseOrdinal) return a.phaseOrdinal < b.phaseOrdinal ? -1 : b.phaseOrdinal < a.phaseOrdinal ? 1 : 0;
  if (a.ready !== b.ready) return !a.ready ? -1 : 1;
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost ? -1 : b.deletionCost < a.deletionCost ? 1 : 0;
  if (x.related !== y.related) return x.related > y.related ? -1 : y.related > x.related ? 1 : 0;
  if (a.ready && b.ready && a.readySince !== b.readySince) return compareNewer(a, a.readySince, x.readyBucket, b, b.readySince, y.readyBucket);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts ? -1 : b.restarts > a.restarts ? 1 : 0;
  if (a.createdAt !== b.createdAt) return compareNewer(a, a.createdAt, x.createdBucket, b, b.createdAt, y.createdBucket);
  return 0;
}

/** chooseVictims over plain pods (for callers and tests without PodFacts at hand). */
export function podsToDelete(active: readonly Pod[], related: readonly Pod[], diff: number, nowMs: number): Pod[] {
  return chooseVictims(active.map(podFacts), activePerNode(related.map(podFacts)), diff, nowMs).map((f) => f.pod);
}
