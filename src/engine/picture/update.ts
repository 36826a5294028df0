// Incremental pictures: what changed since the previous update, so the simulator's worker can post a few
// kilobytes per frame instead of a whole snapshot (about 1.6 MB with 500 pods, 1,000 lanes and 1,000 events,
// which is costly to structured-clone every animation frame). The page rebuilds the full PictureSnapshot with
// applyPictureUpdate, sharing everything that did not change. Plain JSON, like the snapshot.
//
//   worker: post(recorder.update())          page: snapshot = applyPictureUpdate(snapshot, message)
//
// Updates must be applied in order, each exactly once; the first update of a recorder is `full`.
import type { EventView, Lane, NodeView, OwnerNode, PictureSnapshot, PodView, TrainingJobView } from './types.ts';

export interface PictureUpdate {
  schema: 1;
  /** Carries the whole picture (the recorder's first update): apply it to null or to anything. */
  full: boolean;
  seq: number;
  startedAt: number;
  now: number;
  lanesDropped: number;
  eventsDropped: number;
  /** Sections present only when they changed; they replace the previous ones. */
  nodes?: NodeView[];
  unscheduled?: string[];
  totals?: PictureSnapshot['totals'];
  owners?: OwnerNode[];
  training?: TrainingJobView[];
  /** Pods changed or created (in creation order), and keys of pods deleted since the previous update. */
  pods: { upsert: PodView[]; removed: string[] };
  /** Lanes changed or created (in creation order), and ids of lanes dropped. */
  lanes: { upsert: Lane[]; removed: string[] };
  /** Events recorded since the previous update (in log order); `count` is the log's length afterwards. */
  events: { upsert: EventView[]; count: number };
}

/** Replaces in place (same identity key) or appends, after removing `removed`; the same array when nothing changed. */
function merge<T>(prev: readonly T[], upsert: readonly T[], removed: readonly string[], idOf: (t: T) => string): T[] {
  if (upsert.length === 0 && removed.length === 0) return prev as T[];
  const gone = new Set(removed);
  const out = gone.size ? prev.filter((t) => !gone.has(idOf(t))) : prev.slice();
  const at = new Map(out.map((t, i) => [idOf(t), i]));
  for (const t of upsert) {
    const i = at.get(idOf(t));
    if (i === undefined) {
      at.set(idOf(t), out.length);
      out.push(t);
    } else out[i] = t;
  }
  return out;
}

function mergeEvents(prev: readonly EventView[], upsert: readonly EventView[], count: number): EventView[] {
  if (upsert.length === 0 && prev.length === count) return prev as EventView[];
  const again = new Set(upsert.map((e) => e.id));
  const out = [...prev.filter((e) => !again.has(e.id)), ...upsert];
  // The log drops its oldest entries first.
  return out.length > count ? out.slice(out.length - count) : out;
}

/** The picture after `u`, from the picture before it (null before the first update). */
export function applyPictureUpdate(prev: PictureSnapshot | null, u: PictureUpdate): PictureSnapshot {
  const base: PictureSnapshot = u.full || !prev
    ? { schema: 1, seq: 0, startedAt: u.startedAt, now: u.now, nodes: [], unscheduled: [], pods: [], totals: u.totals ?? ({} as PictureSnapshot['totals']), lanes: [], lanesDropped: 0, owners: [], events: [], eventsDropped: 0, training: [] }
    : prev;
  return {
    schema: 1,
    seq: u.seq,
    startedAt: u.startedAt,
    now: u.now,
    nodes: u.nodes ?? base.nodes,
    unscheduled: u.unscheduled ?? base.unscheduled,
    pods: merge(base.pods, u.pods.upsert, u.pods.removed, (p) => p.key),
    totals: u.totals ?? base.totals,
    lanes: merge(base.lanes, u.lanes.upsert, u.lanes.removed, (l) => l.id),
    lanesDropped: u.lanesDropped,
    owners: u.owners ?? base.owners,
    events: mergeEvents(base.events, u.events.upsert, u.events.count),
    eventsDropped: u.eventsDropped,
    training: u.training ?? base.training,
  };
}
