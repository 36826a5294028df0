// Records the live picture of a Simulation: it watches the API server like any client, keeps the current
// objects, the timeline lanes and the event log, and builds a PictureSnapshot on demand. Pure engine code: it
// runs in the simulator's Web Worker, which posts snapshots to the page (at most one per animation frame).
// Only sections that changed are rebuilt; the others are shared with the previous snapshot.
import type { WatchEvent } from '../api/api-server.ts';
import type { EventObject, Node, Pod } from '../api/kinds.ts';
import { controllerOf, type KubeObject } from '../api/objects.ts';
import type { Resources } from '../node/resources.ts';
import type { Simulation } from '../sim/simulation.ts';
import { EventBook } from './event-book.ts';
import { LaneBook } from './lane-book.ts';
import { buildNodeView } from './node-view.ts';
import { buildOwnerTree, kubectlCells } from './owner-tree.ts';
import { buildPodView, keyFor, requestsOf, timeOf, TRAINING_LABELS } from './pod-view.ts';
import { buildTrainingView } from './training-view.ts';
import type { PictureUpdate } from './update.ts';
import { LANE_STATES, type LaneState, type NodeView, type ObjectRef, type OwnerNode, type PictureSnapshot, type PodView, type TrainingJobView } from './types.ts';

/** Kinds shown in the owner tree (besides Pods). */
const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'Job', 'CronJob', 'TFJob', 'PyTorchJob', 'Service'];
const WATCHED = ['Node', 'Pod', 'Event', ...WORKLOAD_KINDS];
const TRAINING_KINDS = new Set(['TFJob', 'PyTorchJob', 'Service']);
/** Owner chains are short (CronJob → Job → Pod); the bound guards against reference cycles. */
const MAX_OWNER_DEPTH = 8;

export interface PictureRecorderOptions {
  /** Lanes kept at most (default MAX_LANES). */
  maxLanes?: number;
  /** Events kept at most (default MAX_EVENTS). */
  maxEvents?: number;
}

function keyOfObject(o: KubeObject): string {
  return keyFor(o.kind, o.metadata.namespace, o.metadata.name);
}

export class PictureRecorder {
  readonly #sim: Simulation;
  readonly #unwatch: () => void;
  readonly #startedAt: number;
  /** Current objects by key; Maps keep creation order (a re-created object moves last). */
  #nodes = new Map<string, Node>();
  #pods = new Map<string, Pod>();
  #objects = new Map<string, KubeObject>();
  #firstSeen = new Map<string, number>();
  #podViews = new Map<string, PodView>();
  #cells = new Map<string, { rv: string; cells: OwnerNode['cells'] }>();
  #lanes: LaneBook;
  #events: EventBook;

  #podsDirty = true;
  #nodesDirty = true;
  #treeDirty = true;
  #trainingDirty = true;
  #changed = true;
  #seq = 0;
  /** For update(): pods changed / deleted since the last update, the sections it last sent, whether it sent any. */
  #podsChanged = new Set<string>();
  #podsRemoved = new Set<string>();
  #sent: Partial<PictureSnapshot> = {};
  #updated = false;
  #section: Pick<PictureSnapshot, 'nodes' | 'unscheduled' | 'pods' | 'totals' | 'owners' | 'training'> = {
    nodes: [], unscheduled: [], pods: [], totals: emptyTotals(), owners: [], training: [],
  };

  constructor(sim: Simulation, opts: PictureRecorderOptions = {}) {
    this.#sim = sim;
    this.#startedAt = sim.now();
    this.#lanes = new LaneBook(opts.maxLanes);
    this.#events = new EventBook(opts.maxEvents);
    this.#attach();
    this.#unwatch = sim.api.watch(WATCHED, (e) => this.#onWatch(e));
  }

  /** The picture now. Cheap when little changed: unchanged sections are the previous snapshot's. */
  snapshot(): PictureSnapshot {
    if (this.#podsDirty) this.#buildPods();
    if (this.#nodesDirty) this.#buildNodes();
    if (this.#treeDirty) this.#buildTree();
    if (this.#trainingDirty) this.#buildTraining();
    if (this.#changed) this.#seq++;
    this.#changed = false;
    return {
      schema: 1,
      seq: this.#seq,
      startedAt: this.#startedAt,
      now: this.#sim.now(),
      ...this.#section,
      lanes: this.#lanes.lanes(),
      lanesDropped: this.#lanes.dropped,
      events: this.#events.events(),
      eventsDropped: this.#events.dropped,
    };
  }

  /**
   * What changed since the previous update() (everything, the first time): post this instead of a snapshot
   * and rebuild the snapshot on the other side with applyPictureUpdate (update.ts). One consumer per recorder.
   */
  update(): PictureUpdate {
    const s = this.snapshot();
    const full = !this.#updated;
    const section = <K extends 'nodes' | 'unscheduled' | 'totals' | 'owners' | 'training'>(k: K): PictureSnapshot[K] | undefined =>
      full || this.#sent[k] !== s[k] ? s[k] : undefined;
    const lanes = this.#lanes.drainChanges();
    const events = this.#events.drainChanges();
    const pods = full
      ? { upsert: s.pods, removed: [] }
      : { upsert: s.pods.filter((p) => this.#podsChanged.has(p.key)), removed: [...this.#podsRemoved] };
    const u: PictureUpdate = {
      schema: 1, full, seq: s.seq, startedAt: s.startedAt, now: s.now, lanesDropped: s.lanesDropped, eventsDropped: s.eventsDropped,
      pods,
      lanes: full ? { upsert: s.lanes, removed: [] } : lanes,
      events: { upsert: full ? s.events : events, count: s.events.length },
    };
    for (const k of ['nodes', 'unscheduled', 'totals', 'owners', 'training'] as const) {
      const v = section(k);
      if (v !== undefined) (u as unknown as Record<string, unknown>)[k] = v;
    }
    this.#sent = { nodes: s.nodes, unscheduled: s.unscheduled, totals: s.totals, owners: s.owners, training: s.training };
    this.#podsChanged.clear();
    this.#podsRemoved.clear();
    this.#updated = true;
    return u;
  }

  /** Stops watching the simulation. */
  dispose(): void {
    this.#unwatch();
  }

  // ---- input -------------------------------------------------------------------------------------------

  /** Objects that exist before the recorder: their history starts now. */
  #attach(): void {
    const now = this.#sim.now();
    const byCreation = (a: KubeObject, b: KubeObject) => (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0);
    for (const n of this.#sim.api.list<Node>('Node').sort(byCreation)) this.#nodes.set(keyOfObject(n), n);
    for (const kind of WORKLOAD_KINDS) {
      for (const o of this.#sim.api.list(kind).sort(byCreation)) {
        const key = keyOfObject(o);
        this.#objects.set(key, o);
        this.#firstSeen.set(key, timeOf(o.metadata.creationTimestamp) ?? now);
      }
    }
    for (const p of this.#sim.api.list<Pod>('Pod').sort(byCreation)) {
      this.#firstSeen.set(keyOfObject(p), timeOf(p.metadata.creationTimestamp) ?? now);
      this.#podChanged(p, now);
    }
    const events = this.#sim.api.list<EventObject>('Event');
    const last = (e: EventObject) => timeOf(e.lastTimestamp) ?? now;
    for (const e of events.sort((a, b) => last(a) - last(b))) this.#events.observe(e, last(e));
  }

  #onWatch(e: WatchEvent): void {
    const o = e.object;
    const key = keyOfObject(o);
    const deleted = e.type === 'DELETED';
    switch (o.kind) {
      case 'Event':
        if (!deleted && this.#events.observe(o as EventObject, e.time)) this.#changed = true;
        return;
      case 'Node':
        if (deleted) this.#nodes.delete(key);
        else this.#nodes.set(key, o as Node);
        this.#nodesDirty = this.#changed = true;
        return;
      case 'Pod':
        if (deleted) this.#podDeleted(o as Pod, key, e.time);
        else {
          const before = this.#pods.get(key);
          if (!before) this.#firstSeen.set(key, e.time);
          this.#podChanged(o as Pod, e.time, before);
        }
        return;
      default:
        if (deleted) {
          this.#objects.delete(key);
          this.#firstSeen.delete(key);
          this.#cells.delete(key);
        } else {
          if (!this.#objects.has(key)) this.#firstSeen.set(key, e.time);
          this.#objects.set(key, o);
        }
        this.#treeDirty = this.#changed = true;
        if (TRAINING_KINDS.has(o.kind)) this.#trainingDirty = true;
        // A new owner can change the roots of pods seen before it (their views are rebuilt).
        if (!deleted && (o.kind === 'Deployment' || o.kind === 'CronJob') && !this.#firstSeenBefore(key, e.time)) {
          this.#podViews.clear();
          for (const k of this.#pods.keys()) this.#podsChanged.add(k);
          this.#podsDirty = this.#nodesDirty = true;
        }
    }
  }

  /** Whether the object was seen before `time` (false right after its ADDED). */
  #firstSeenBefore(key: string, time: number): boolean {
    return (this.#firstSeen.get(key) ?? time) < time;
  }

  /** `before`: the previous version, to tell which sections a change reaches. */
  #podChanged(pod: Pod, time: number, before?: Pod): void {
    const key = keyOfObject(pod);
    this.#pods.set(key, pod);
    this.#podsChanged.add(key);
    const view = this.#podView(key, pod);
    const role = view.role ? `${view.role.type.toLowerCase()}-${view.role.index}` : null;
    this.#lanes.observe(pod, time, {
      key, state: view.state, status: view.status, node: view.node, owner: view.owner, root: view.root, role,
      createdAt: this.#firstSeen.get(key),
    });
    this.#podsDirty = this.#changed = true;
    if (view.role) this.#trainingDirty = true;
    // The tree holds no pod status: it changes when a pod comes, or changes owner or training labels.
    const labels = (p: Pod) => `${p.metadata.labels?.[TRAINING_LABELS.replicaType]}/${p.metadata.labels?.[TRAINING_LABELS.replicaIndex]}`;
    if (!before || before.metadata.uid !== pod.metadata.uid || controllerOf(before)?.uid !== controllerOf(pod)?.uid || labels(before) !== labels(pod)) this.#treeDirty = true;
    // Nodes count the requests of bound, non-terminal pods (a status-only write keeps the spec object).
    if (!before || before.spec !== pod.spec || isTerminal(before) !== isTerminal(pod)) this.#nodesDirty = true;
  }

  #podDeleted(pod: Pod, key: string, time: number): void {
    if (this.#pods.get(key)?.metadata.uid === pod.metadata.uid) {
      const view = this.#podViews.get(key);
      this.#pods.delete(key);
      this.#podsRemoved.add(key);
      this.#podsChanged.delete(key);
      this.#podViews.delete(key);
      this.#cells.delete(key);
      this.#firstSeen.delete(key);
      if (view?.role) this.#trainingDirty = true;
    }
    this.#lanes.remove(pod.metadata.uid, time);
    this.#podsDirty = this.#nodesDirty = this.#treeDirty = this.#changed = true;
  }

  #podView(key: string, pod: Pod): PodView {
    const cached = this.#podViews.get(key);
    if (cached && cached.rev === pod.metadata.resourceVersion && cached.uid === pod.metadata.uid) return cached;
    const view = buildPodView(pod, this.#firstSeen.get(key) ?? this.#sim.now(), (p) => this.#ownerChain(p));
    this.#podViews.set(key, view);
    return view;
  }

  /** The controller owner and the top of the chain of controllers that still exist. */
  #ownerChain(o: KubeObject): { owner: ObjectRef | null; root: ObjectRef | null } {
    const ref = controllerOf(o);
    if (!ref) return { owner: null, root: null };
    const ns = o.metadata.namespace;
    const owner = { kind: ref.kind, name: ref.name, key: keyFor(ref.kind, ns, ref.name) };
    let root = owner;
    for (let depth = 0; depth < MAX_OWNER_DEPTH; depth++) {
      const parent = this.#objects.get(root.key);
      const up = parent ? controllerOf(parent) : undefined;
      if (!up) break;
      root = { kind: up.kind, name: up.name, key: keyFor(up.kind, ns, up.name) };
    }
    return { owner, root };
  }

  // ---- sections ----------------------------------------------------------------------------------------

  #buildPods(): void {
    const pods: PodView[] = [];
    const unscheduled: string[] = [];
    const totals = emptyTotals();
    for (const [key, pod] of this.#pods) {
      const v = this.#podView(key, pod);
      pods.push(v);
      totals[v.state]++;
      if (!v.node) unscheduled.push(v.key);
    }
    this.#section = { ...this.#section, pods, unscheduled, totals };
    this.#podsDirty = false;
  }

  #buildNodes(): void {
    const onNode = new Map<string, { view: PodView; requests: Resources }[]>();
    for (const [key, pod] of this.#pods) {
      const name = pod.spec?.nodeName;
      if (!name) continue;
      let list = onNode.get(name);
      if (!list) onNode.set(name, (list = []));
      list.push({ view: this.#podView(key, pod), requests: requestsOf(pod.spec) });
    }
    // kubectl get nodes order (by name).
    const sorted = [...this.#nodes.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const nodes: NodeView[] = sorted.map((n) => buildNodeView(n, onNode.get(n.metadata.name) ?? []));
    this.#section = { ...this.#section, nodes };
    this.#nodesDirty = false;
  }

  #buildTree(): void {
    const owners = buildOwnerTree({
      objects: [...this.#objects.values(), ...this.#pods.values()],
      cellsOf: (o) => this.#cellsOf(o),
      createdAt: (key) => this.#firstSeen.get(key) ?? 0,
    });
    this.#section = { ...this.#section, owners };
    this.#treeDirty = false;
  }

  #cellsOf(o: KubeObject): OwnerNode['cells'] {
    const key = keyOfObject(o);
    const c = this.#cells.get(key);
    if (c && c.rv === o.metadata.resourceVersion) return c.cells;
    const cells = kubectlCells(o);
    this.#cells.set(key, { rv: o.metadata.resourceVersion, cells });
    return cells;
  }

  #buildTraining(): void {
    const byJob = new Map<string, PodView[]>();
    for (const [key, pod] of this.#pods) {
      const v = this.#podView(key, pod);
      if (!v.role) continue;
      let list = byJob.get(v.role.jobKey);
      if (!list) byJob.set(v.role.jobKey, (list = []));
      list.push(v);
    }
    const training: TrainingJobView[] = [];
    for (const [key, o] of this.#objects) {
      if (o.kind !== 'TFJob' && o.kind !== 'PyTorchJob') continue;
      const view = buildTrainingView(o, { pods: this.#pods, jobPods: byJob.get(key) ?? [], serviceExists: (k) => this.#objects.has(k) });
      if (view) training.push(view);
    }
    this.#section = { ...this.#section, training };
    this.#trainingDirty = false;
  }
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function emptyTotals(): Record<LaneState, number> {
  return Object.fromEntries(LANE_STATES.map((s) => [s, 0])) as Record<LaneState, number>;
}
