// The timeline's memory: one lane per pod uid, its state segments and restart marks, kept after the pod is
// deleted so the timeline still shows finished pods. Bounded: at most MAX_LANES lanes (the oldest deleted
// pods go first, then the oldest finished ones) and MAX_SEGMENTS segments / restart marks per lane.
// Lanes are copy-on-write: a changed lane is a new object with a new `rev`; unchanged ones are shared.
import type { ContainerStatus, Pod } from '../api/kinds.ts';
import { isTerminalState } from './lane-state.ts';
import type { Lane, LaneState, ObjectRef, RestartMark, Segment } from './types.ts';

export const MAX_LANES = 2_000;
export const MAX_SEGMENTS = 400;
export const MAX_RESTART_MARKS = 400;

/** What a lane records of one version of a pod. */
export interface LaneObservation {
  key: string;
  state: LaneState;
  status: string;
  node: string | null;
  owner: ObjectRef | null;
  root: ObjectRef | null;
  role: string | null;
  /** When the pod was created, if before the first observation (the recorder attached late). */
  createdAt?: number;
}

interface LaneRecord {
  lane: Lane;
  /** restartCount per container seen last (`init:<name>` for init containers). */
  counts: Map<string, number>;
}

export class LaneBook {
  #byUid = new Map<string, LaneRecord>();
  /** In creation order: pods arrive through the watch in time order. */
  #order: LaneRecord[] = [];
  /** Uids of live pods whose lane was dropped: they do not get a new, history-less lane. */
  #evicted = new Set<string>();
  #rev = 0;
  #cache: Lane[] | null = null;
  #dropped = 0;
  /** Lanes changed and lanes dropped since the last drainChanges (for incremental updates). */
  #changed = new Set<string>();
  #removed = new Set<string>();
  readonly maxLanes: number;

  constructor(maxLanes = MAX_LANES) {
    this.maxLanes = maxLanes;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /** Records a version of a pod seen at `time`; returns whether its lane changed. */
  observe(pod: Pod, time: number, o: LaneObservation): boolean {
    const uid = pod.metadata.uid;
    let rec = this.#byUid.get(uid);
    if (!rec) {
      if (this.#evicted.has(uid)) return false;
      rec = {
        lane: {
          id: uid, key: o.key, name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', rev: ++this.#rev,
          createdAt: o.createdAt ?? time, deletedAt: null, node: o.node, owner: o.owner, root: o.root, role: o.role,
          segments: [], restarts: [], truncated: false,
        },
        counts: new Map(),
      };
      this.#byUid.set(uid, rec);
      this.#order.push(rec);
      this.#cache = null;
      this.#changed.add(uid);
      this.#evict();
    }
    const lane = rec.lane;
    const segments = nextSegments(lane.segments, o.state, o.status, time);
    const restarts = this.#restartMarks(rec, pod, time);
    const node = o.node ?? lane.node;
    if (segments === lane.segments && restarts === lane.restarts && node === lane.node && o.role === lane.role && o.owner?.key === lane.owner?.key) return false;
    this.#commit(rec, { ...lane, segments, restarts, node, owner: o.owner, root: o.root, role: o.role });
    return true;
  }

  /** The pod is gone from the API at `time`: its open segment closes there. */
  remove(uid: string, time: number): boolean {
    this.#evicted.delete(uid);
    const rec = this.#byUid.get(uid);
    if (!rec || rec.lane.deletedAt !== null) return false;
    const segs = rec.lane.segments.slice();
    const last = segs[segs.length - 1];
    if (last && last.to === undefined) segs[segs.length - 1] = { ...last, to: time };
    this.#commit(rec, { ...rec.lane, segments: segs, deletedAt: time });
    return true;
  }

  /** Lanes in creation order (the same array until something changes). */
  lanes(): Lane[] {
    return (this.#cache ??= this.#order.map((r) => r.lane));
  }

  /** Lanes changed or added (in creation order) and ids of lanes dropped since the previous call. */
  drainChanges(): { upsert: Lane[]; removed: string[] } {
    const upsert = this.#changed.size ? this.#order.filter((r) => this.#changed.has(r.lane.id)).map((r) => r.lane) : [];
    const removed = [...this.#removed];
    this.#changed.clear();
    this.#removed.clear();
    return { upsert, removed };
  }

  #commit(rec: LaneRecord, next: Lane): void {
    let { segments, restarts, truncated } = next;
    if (segments.length > MAX_SEGMENTS) {
      segments = segments.slice(segments.length - MAX_SEGMENTS);
      truncated = true;
    }
    if (restarts.length > MAX_RESTART_MARKS) {
      restarts = restarts.slice(restarts.length - MAX_RESTART_MARKS);
      truncated = true;
    }
    rec.lane = { ...next, segments, restarts, truncated, rev: ++this.#rev };
    this.#cache = null;
    this.#changed.add(rec.lane.id);
  }

  /** A mark for every container whose restartCount went up (the kubelet started a new instance). */
  #restartMarks(rec: LaneRecord, pod: Pod, time: number): RestartMark[] {
    let marks = rec.lane.restarts;
    const visit = (id: string, c: ContainerStatus) => {
      const before = rec.counts.get(id);
      const now = c.restartCount ?? 0;
      if (before === now) return;
      rec.counts.set(id, now);
      // The first sight of a container (recorder attached late) sets the baseline without marks.
      if (before === undefined || now < before) return;
      if (marks === rec.lane.restarts) marks = marks.slice();
      const last = c.lastState?.terminated;
      marks.push({ at: time, container: c.name, count: now, exitCode: last ? last.exitCode : null, reason: last?.reason ?? null });
    };
    for (const c of pod.status?.initContainerStatuses ?? []) visit(`init:${c.name}`, c);
    for (const c of pod.status?.containerStatuses ?? []) visit(c.name, c);
    return marks;
  }

  #evict(): void {
    while (this.#order.length > this.maxLanes) {
      let i = this.#order.findIndex((r) => r.lane.deletedAt !== null);
      if (i < 0) i = this.#order.findIndex((r) => isTerminalState(r.lane.segments[r.lane.segments.length - 1]?.state ?? 'Pending'));
      if (i < 0) i = 0;
      const [rec] = this.#order.splice(i, 1);
      this.#byUid.delete(rec!.lane.id);
      if (rec!.lane.deletedAt === null) this.#evicted.add(rec!.lane.id);
      this.#changed.delete(rec!.lane.id);
      this.#removed.add(rec!.lane.id);
      this.#dropped++;
    }
  }
}

/** The segment list after seeing `state`/`status` at `time` (the same array when nothing changed). */
function nextSegments(segs: Segment[], state: LaneState, status: string, time: number): Segment[] {
  const last = segs[segs.length - 1];
  if (last && last.to === undefined && last.state === state && last.status === status) return segs;
  const out = segs.slice();
  if (last && last.to === undefined && last.from === time) {
    // Changed again within the same instant: the zero-length segment is replaced, merging with its predecessor.
    out.pop();
    const prev = out[out.length - 1];
    if (prev && prev.to === time && prev.state === state && prev.status === status) {
      out[out.length - 1] = { state, status, from: prev.from };
      return out;
    }
  } else if (last && last.to === undefined) {
    out[out.length - 1] = { ...last, to: time };
  }
  out.push({ state, status, from: time });
  return out;
}
