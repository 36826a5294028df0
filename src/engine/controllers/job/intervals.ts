// Sets of completion indexes as ordered, non-overlapping, non-adjacent intervals (indexed_job_utils.go
// orderedIntervals), and their text form for status.completedIndexes / failedIndexes and
// successPolicy.rules[].succeededIndexes (§4.10): ascending, comma-separated, runs of three or more written
// `a-b`, a run of two written `a,b` — {0,1,2,4,5,7} is `0-2,4,5,7`.

export interface Interval {
  first: number;
  last: number;
}

export type Intervals = readonly Interval[];

/** parseIndexesFromString: malformed parts are skipped; indexes at or above `completions` are dropped. */
export function parseIntervals(text: string | undefined, completions: number): Interval[] {
  if (!text) return [];
  const out: Interval[] = [];
  for (const part of text.split(',')) {
    const limits = part.split('-');
    const first = atoi(limits[0]!);
    if (first === null) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const l = atoi(limits[1]!);
      if (l === null) continue;
      last = Math.min(l, completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** strconv.Atoi: an optional sign and decimal digits. */
function atoi(s: string): number | null {
  return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

export function formatIntervals(intervals: Intervals): string {
  let out = '';
  for (const v of intervals) {
    if (out) out += ',';
    out += String(v.first);
    if (v.last > v.first) out += (v.last === v.first + 1 ? ',' : '-') + String(v.last);
  }
  return out;
}

/** The union of two interval lists (merge). */
export function mergeIntervals(a: Intervals, b: Intervals): Interval[] {
  const out: Interval[] = [];
  const add = (v: Interval) => {
    const last = out[out.length - 1];
    if (!last || v.first > last.last + 1) out.push({ first: v.first, last: v.last });
    else if (last.last < v.last) last.last = v.last;
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) add(a[i]!.first < b[j]!.first ? a[i++]! : b[j++]!);
  while (i < a.length) add(a[i++]!);
  while (j < b.length) add(b[j++]!);
  return out;
}

/** withOrderedIndexes: adds indexes given in ascending order (repeats allowed). */
export function withIndexes(a: Intervals, ascending: readonly number[]): Interval[] {
  if (ascending.length === 0) return [...a];
  return mergeIntervals(a, ascending.map((i) => ({ first: i, last: i })));
}

export function totalOf(intervals: Intervals): number {
  let n = 0;
  for (const v of intervals) n += v.last - v.first + 1;
  return n;
}

export function hasIndex(intervals: Intervals, ix: number): boolean {
  let lo = 0;
  let hi = intervals.length;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    if (intervals[mid]!.last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < intervals.length && intervals[hi]!.first <= ix;
}

/**
 * firstPendingIndexes: the lowest `count` indexes below `completions` not covered by `taken` (succeeded,
 * failed, active — and terminating when only failed pods are replaced).
 */
export function firstMissing(taken: Intervals, count: number, completions: number): number[] {
  const out: number[] = [];
  if (count <= 0) return out;
  let candidate = 0;
  for (const v of taken) {
    for (; candidate < completions && out.length < count && candidate < v.first; candidate++) out.push(candidate);
    if (candidate < v.last + 1) candidate = v.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}

/** Intervals of a set of indexes (any order, repeats allowed). */
export function intervalsOf(indexes: Iterable<number>): Interval[] {
  const sorted = [...indexes].sort((x, y) => x - y);
  return withIndexes([], sorted);
}
