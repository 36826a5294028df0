// The simulated API server: an in-memory store with the API's bookkeeping (uid, resourceVersion, generation,
// timestamps, generateName, finalizers, graceful deletion) and watch streams. Controllers, the scheduler and
// the kubelets talk only to this, as the real components talk only to kube-apiserver.
import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { SeededRandom } from '../clock/random.ts';
import { rfc3339 } from '../clock/time-format.ts';
import { kindNamed, type KindEntry } from '../schema/index.ts';
import { admitCreate, admitReplace } from './admission.ts';
import { serviceAddressPool } from '../defaults/service-addresses.ts';
import { alreadyExists, apiError, notFound, type ApiError } from './api-error.ts';
import { CLUSTER_SCOPED, clone, equalIgnoringMetaAndStatus, equalIgnoringResourceVersion, keyOf, type KubeObject } from './objects.ts';
import { labelSelectorAsSelector, selectorMatches } from '../validate/rules/meta.ts';
import type { LabelSelector, PodSpec } from './kinds.ts';
import { admitPodSpec } from './pod-admission.ts';
import { controllerOnlyKind } from './pod-group.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** Simulated time of the change, ms. */
  time: number;
  object: KubeObject;
  /**
   * `namespace/name` of the object (`/name` when cluster-scoped), the key informers and work queues use: one
   * string per change for every watcher, so that their map lookups hash it once (absent in synthetic events).
   */
  key?: string;
  /**
   * MODIFIED: the version this change replaced (itself shared and unchanged), so that a watcher can tell in
   * one comparison that the parts it follows are the very same objects as before and skip its own lookups.
   */
  old?: KubeObject;
}

export type WatchHandler = (event: WatchEvent) => void;

interface Watcher {
  kinds: Set<string> | null;
  handler: WatchHandler;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  /** Pods only: override the pod's terminationGracePeriodSeconds (0 = immediately). */
  gracePeriodSeconds?: number;
}

/**
 * A write's outcome. The object is the stored version itself, shared like a watch event's: read it, and copy it
 * (`api.get`, `clone`) before changing it. Under test it is frozen.
 */
export type Result<T> = { ok: true; object: T } | { ok: false; error: ApiError };

/** Kinds whose registry strategies set metadata.generation (Pods since PodObservedGenerationTracking, 1.35). */
const GENERATION_KINDS = new Set(['Pod', 'ReplicaSet', 'Deployment', 'Job', 'CronJob', 'TFJob', 'PyTorchJob']);
function tracksGeneration(kind: string): boolean {
  return GENERATION_KINDS.has(kind);
}

/** Freeze stored objects in test runs (vitest sets VITEST) to catch watchers that modify shared objects. */
const FREEZE_STORED = typeof process !== 'undefined' && !!process.env?.VITEST;

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k in v as Record<string, unknown>) deepFreeze((v as Record<string, unknown>)[k]);
}

/** Byte-order comparison, as Go sorts strings: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The lab's self-protection: the simulated cluster holds at most this many objects (Events not counted; they
 * expire). A create beyond it is refused as Forbidden, the way a ResourceQuota refuses one, so controllers report
 * FailedCreate instead of the page running out of memory. Documented in the README.
 */
export const MAX_OBJECTS = 20_000;

export class ApiServer {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  /**
   * The store: one map per kind, keyed `namespace/name` (`/name` when cluster-scoped), the key watch events
   * carry. One map per kind rather than one for everything: a write touches one map, and a lookup searches
   * only its kind (Events, the most numerous, stay out of the way of Pods).
   */
  #byKind = new Map<string, Map<string, StoreEntry>>();
  /** Objects stored, all kinds. */
  #size = 0;
  #watchers: Watcher[] = [];
  /**
   * The watchers of each kind, in registration order: built on first use and dropped whenever a watch starts
   * or stops (never changed in place, so an event being delivered keeps the list it started with).
   */
  #watchersByKind = new Map<string, Watcher[]>();
  #resourceVersion = 1000;
  readonly maxObjects: number;
  /** Whether stored objects are deep-frozen when written (see FREEZE_STORED). */
  readonly freezesStored: boolean;

  constructor(clock: VirtualClock, random: SeededRandom, opts: { maxObjects?: number; freezeStored?: boolean } = {}) {
    this.clock = clock;
    this.random = random;
    this.maxObjects = opts.maxObjects ?? MAX_OBJECTS;
    this.freezesStored = opts.freezeStored ?? FREEZE_STORED;
  }

  /** The last resourceVersion handed out. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** Watches registered so far (the controllers' own and any outside observer's). */
  get watcherCount(): number {
    return this.#watchers.length;
  }

  /**
   * The stored objects themselves, in store order (kind by kind, oldest first), for the fast-forward's
   * fingerprint and its in-place time shift; nobody else may change them.
   */
  *storedObjects(): IterableIterator<KubeObject> {
    for (const m of this.#byKind.values()) for (const e of m.values()) yield e.object;
  }

  /** Skips `n` resourceVersions, as `n` writes would have (the fast-forward's jump). */
  advanceResourceVersion(n: number): void {
    this.#resourceVersion += n;
  }

  // ---- reads -------------------------------------------------------------------------------------------

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const o = this.#stored(kind, namespace, name);
    return o ? (clone(o) as T) : undefined;
  }

  /**
   * The stored object itself, without the copy `get` makes: for readers that only look (an informer's cache
   * read). It is shared like a watch event's object: never change it (under test it is frozen).
   */
  peek<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.#stored(kind, namespace, name) as T | undefined;
  }

  /** Objects of a kind (optionally in one namespace, optionally matching a label selector), sorted by name. */
  list<T extends KubeObject = KubeObject>(kind: string, opts: { namespace?: string; selector?: LabelSelector } = {}): T[] {
    const all = this.#byKind.get(kind);
    if (!all) return [];
    const sel = opts.selector ? labelSelectorAsSelector(opts.selector) : null;
    const out: T[] = [];
    for (const { object: o } of all.values()) {
      if (opts.namespace !== undefined && o.metadata.namespace !== opts.namespace) continue;
      if (sel && !selectorMatches(sel, o.metadata.labels ?? {})) continue;
      out.push(clone(o) as T);
    }
    return out.sort((a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name));
  }

  /** Every object in the store, ordered by kind, namespace and name. */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const m of this.#byKind.values()) for (const e of m.values()) out.push(clone(e.object));
    return out.sort((a, b) => compareStrings(keyOf(a), keyOf(b)));
  }

  count(kind?: string): number {
    return kind ? (this.#byKind.get(kind)?.size ?? 0) : this.#size;
  }

  // ---- watches -----------------------------------------------------------------------------------------

  /**
   * Calls `handler` synchronously after every change to an object of `kinds` (null: all kinds). The event's
   * object is shared with other watchers: read it, copy it before changing it.
   */
  watch(kinds: string[] | null, handler: WatchHandler): () => void {
    const w: Watcher = { kinds: kinds ? new Set(kinds) : null, handler };
    this.#watchers = [...this.#watchers, w];
    this.#watchersByKind = new Map();
    return () => {
      this.#watchers = this.#watchers.filter((x) => x !== w);
      this.#watchersByKind = new Map();
    };
  }

  // ---- writes ------------------------------------------------------------------------------------------

  /**
   * Creates an object submitted by a user (kubectl apply/create): full admission, then defaults and
   * metadata. Controllers use `createInternal` for objects built from already-validated templates.
   */
  create(value: Record<string, unknown>, opts: { namespace?: string } = {}): Result<KubeObject> {
    const namespace = opts.namespace ?? 'default';
    const uid = this.random.uuid();
    const nameSuffix = this.random.nameSuffix();
    const admitted = admitCreate(value, {
      uid,
      nameSuffix,
      namespace,
      namespaceIsExplicit: opts.namespace !== undefined,
      serviceAddresses: value.kind === 'Service' ? serviceAddressPool(this.list('Service')) : undefined,
    });
    if (!admitted.ok) return { ok: false, error: admitted.error };
    return this.#insert(admitted.object, admitted.entry, uid);
  }

  /**
   * Replaces an object with what a user submitted (kubectl apply of a changed manifest, kubectl edit): the
   * same decoding, validation and defaulting as a create, then an update that keeps the object's identity.
   */
  replace(value: Record<string, unknown>, opts: { namespace?: string } = {}): Result<KubeObject> {
    const meta = (value.metadata ?? {}) as { name?: string; namespace?: string };
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const current = meta.name ? this.#stored(kind, meta.namespace ?? opts.namespace, meta.name) : undefined;
    if (!current) return { ok: false, error: this.#notFoundKey(kind, meta.name ?? '') };
    // The create-time checks plus the update rules (immutable fields), as the server's update strategy runs them.
    const admitted = admitReplace(value, current, {
      uid: current.metadata.uid!,
      nameSuffix: '',
      namespace: current.metadata.namespace ?? 'default',
      namespaceIsExplicit: true,
      serviceAddresses: kind === 'Service' ? serviceAddressPool(this.list('Service'), current.metadata.uid) : undefined,
    });
    if (!admitted.ok) return { ok: false, error: admitted.error };
    const next = admitted.object;
    next.metadata = { ...next.metadata, namespace: current.metadata.namespace, uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion };
    return this.update(next);
  }

  /**
   * Creates an object on behalf of a controller (already defaulted by the caller as the API would).
   * `handOver: true` gives the object itself to the store (the caller built it for this call and keeps no
   * reference), sparing a copy on hot paths such as events.
   */
  createInternal(object: KubeObject, opts: { handOver?: boolean; uid?: string } = {}): Result<KubeObject> {
    const entry = kindNamed(object.kind) ?? controllerOnlyKind(object.kind);
    if (!entry) return { ok: false, error: apiError('BadRequest', `no kind "${object.kind}" is registered`) };
    const o = opts.handOver ? object : clone(object);
    // `uid`: the one the caller already used while defaulting (a Job's generated selector carries it).
    return this.#insert(o, entry, opts.uid ?? this.random.uuid());
  }

  #insert(o: KubeObject, entry: KindEntry, uid: string): Result<KubeObject> {
    const meta = o.metadata;
    if (o.kind !== 'Event' && this.#size - this.count('Event') >= this.maxObjects) {
      // Refused before a name is generated, as quota admission does: the message shows the generateName prefix.
      const name = meta.name || `${meta.generateName ?? ''}`;
      const message = `${entry.resource}${entry.group ? `.${entry.group}` : ''} "${name}" is forbidden: the lab's simulated cluster holds at most ${this.maxObjects} objects`;
      return { ok: false, error: apiError('Forbidden', message, { name, group: entry.group }) };
    }
    if (!entry.namespaced) delete meta.namespace;
    else meta.namespace = meta.namespace || 'default';
    const stored = this.#kindMap(o.kind);
    // RetryGenerateName (GA in 1.32): a generated name that is taken is drawn again, up to 8 tries in all.
    const generate = !meta.name && !!meta.generateName;
    let key = '';
    for (let attempt = 0; generate && attempt < 8; attempt++) {
      meta.name = generatedName(meta.generateName!, this.random.nameSuffix());
      key = storeKey(meta.namespace, meta.name);
      if (!stored.has(key)) break;
    }
    if (!generate) key = storeKey(meta.namespace, meta.name);
    if (stored.has(key)) return { ok: false, error: alreadyExists(entry.resource, entry.group, meta.name) };
    meta.uid = uid;
    meta.resourceVersion = this.#nextResourceVersion();
    meta.creationTimestamp = rfc3339(this.clock.now());
    if (tracksGeneration(o.kind)) meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (o.kind === 'Pod' && o.spec) admitPodSpec(o.spec as PodSpec, this.random.nameSuffix());
    stored.set(key, { object: o, key });
    this.#size++;
    this.#emit('ADDED', o, key);
    return { ok: true, object: o };
  }

  /**
   * Replaces an object's spec and metadata (a PUT). Status is kept from the stored object: status is written
   * through `updateStatus`, as the status subresource separates them. Bumps generation when the spec changed.
   */
  update<T extends KubeObject>(object: T): Result<T> {
    const entry = this.#entry(object.kind, object.metadata.namespace, object.metadata.name);
    if (!entry) return { ok: false, error: this.#notFound(object) };
    const current = entry.object;
    const next = clone(object) as KubeObject;
    next.metadata.uid = current.metadata.uid;
    next.metadata.creationTimestamp = current.metadata.creationTimestamp;
    next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    next.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    next.metadata.generation = current.metadata.generation;
    if ('status' in current) next.status = current.status;
    else delete next.status;
    const specChanged = !equalIgnoringMetaAndStatus(current, next);
    if (specChanged && tracksGeneration(next.kind)) next.metadata.generation = (current.metadata.generation ?? 0) + 1;
    return this.#commit(entry, next) as Result<T>;
  }

  /**
   * The pods/binding subresource: sets spec.nodeName and the PodScheduled condition in one write, without a
   * generation bump (binding is not a spec update). Fails if the pod is already bound.
   */
  bind(namespace: string, name: string, nodeName: string): Result<KubeObject> {
    const entry = this.#entry('Pod', namespace, name);
    if (!entry) return { ok: false, error: this.#notFoundKey('Pod', name) };
    const current = entry.object;
    const spec = (current.spec ?? {}) as { nodeName?: string };
    if (spec.nodeName) return { ok: false, error: apiError('Conflict', `pod ${name} is already assigned to node "${spec.nodeName}"`) };
    const next = derive(current);
    next.spec = { ...current.spec, nodeName };
    const status = (next.status = { ...current.status }) as { conditions?: { type: string }[] };
    const others = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    status.conditions = [...others, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.clock.now()) } as { type: string }];
    return this.#commit(entry, next);
  }

  /**
   * Writes only `status` (the status subresource). `handOver: true` gives the status object itself to the
   * store (the caller built it for this write and neither keeps nor changes it), sparing a copy on hot paths.
   */
  updateStatus<T extends KubeObject>(object: T, opts?: { handOver?: boolean }): Result<T> {
    const entry = this.#entry(object.kind, object.metadata.namespace, object.metadata.name);
    if (!entry) return { ok: false, error: this.#notFound(object) };
    const next = derive(entry.object);
    next.status = opts?.handOver ? object.status : clone(object.status);
    return this.#commit(entry, next) as Result<T>;
  }

  /** Applies `mutate` to a copy of the stored object and writes the result (spec+metadata, or status). */
  patch<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, mutate: (o: T) => void, subresource?: 'status'): Result<T> {
    const current = this.get<T>(kind, namespace, name);
    if (!current) return { ok: false, error: this.#notFoundKey(kind, name) };
    mutate(current);
    return subresource === 'status' ? this.updateStatus(current) : this.update(current);
  }

  /**
   * DELETE. Pods bound to a node get a deletionTimestamp and wait for their kubelet (graceful deletion);
   * objects with finalizers wait for them; Foreground and Orphan propagation add their finalizer.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Result<KubeObject> {
    const entry = this.#entry(kind, this.#ns(kind, namespace), name);
    if (!entry) return { ok: false, error: this.#notFoundKey(kind, name) };
    const current = entry.object;
    const policy = opts.propagationPolicy ?? 'Background';
    const grace = kind === 'Pod' ? podGracePeriod(current, opts.gracePeriodSeconds) : 0;
    if (grace === 0 && policy === 'Background' && !current.metadata.finalizers?.length) {
      // Nothing holds the object back (most Events, finished pods): it goes at once.
      this.#remove(entry);
      return { ok: true, object: current };
    }
    const next = derive(current);
    const meta = next.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Orphan') finalizers.add('orphan');

    if (finalizers.size === 0 && grace === 0) {
      this.#remove(entry);
      return { ok: true, object: current };
    }
    if (meta.deletionTimestamp === undefined) {
      meta.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
    } else if (grace < (meta.deletionGracePeriodSeconds ?? grace)) {
      // A second DELETE may shorten the grace period, never lengthen it.
      meta.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
    }
    if (finalizers.size) meta.finalizers = [...finalizers];
    // A pod deleted with grace 0 but held by finalizers stays until they are removed.
    return this.#commit(entry, next);
  }

  /** Removes a finalizer; an object being deleted that has no finalizers left disappears. */
  removeFinalizer(kind: string, namespace: string | undefined, name: string, finalizer: string): void {
    const entry = this.#entry(kind, this.#ns(kind, namespace), name);
    const current = entry?.object;
    if (!entry || !current || !current.metadata.finalizers?.includes(finalizer)) return;
    const next = derive(current);
    const finalizers = current.metadata.finalizers.filter((f) => f !== finalizer);
    if (finalizers.length) next.metadata.finalizers = finalizers;
    else next.metadata = withoutFinalizers(current.metadata);
    this.#commit(entry, next);
  }

  /** The kubelet's final step of graceful deletion (a DELETE with grace 0 from the node). */
  finishPodDeletion(namespace: string, name: string): void {
    const entry = this.#entry('Pod', namespace, name);
    if (!entry) return;
    const current = entry.object;
    if (current.metadata.finalizers?.length) {
      const next = derive(current);
      next.metadata.deletionGracePeriodSeconds = 0;
      this.#commit(entry, next);
      return;
    }
    this.#remove(entry);
  }

  // ---- internals ---------------------------------------------------------------------------------------

  /** Stores `next` as the new version of the entry's object unless it changes nothing. */
  #commit(entry: StoreEntry, next: KubeObject): Result<KubeObject> {
    const current = entry.object;
    if (equalIgnoringResourceVersion(current, next)) return { ok: true, object: current };
    if (next.metadata.deletionTimestamp !== undefined && !next.metadata.finalizers?.length && !(next.kind === 'Pod' && (next.metadata.deletionGracePeriodSeconds ?? 0) > 0)) {
      this.#remove(entry);
      return { ok: true, object: next };
    }
    next.metadata.resourceVersion = this.#nextResourceVersion();
    entry.object = next;
    this.#emit('MODIFIED', next, entry.key, current);
    return { ok: true, object: next };
  }

  #remove(entry: StoreEntry): void {
    const o = entry.object;
    if (this.#byKind.get(o.kind)?.delete(entry.key)) this.#size--;
    const resourceVersion = this.#nextResourceVersion();
    // The final version (with the deletion's resourceVersion) is built only when someone watches the kind.
    if (this.#watchersOf(o.kind).length) this.#emit('DELETED', { ...o, metadata: { ...o.metadata, resourceVersion } }, entry.key);
  }

  /** The store entry of an object; `namespace` as given (the callers apply #ns where the API does). */
  #entry(kind: string, namespace: string | undefined, name: string): StoreEntry | undefined {
    return this.#byKind.get(kind)?.get(storeKey(namespace, name));
  }

  #stored(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#entry(kind, this.#ns(kind, namespace), name)?.object;
  }

  #kindMap(kind: string): Map<string, StoreEntry> {
    let m = this.#byKind.get(kind);
    if (!m) this.#byKind.set(kind, (m = new Map()));
    return m;
  }

  // Watchers get the stored object itself, as informers share their cache: stored objects are never changed in
  // place (every write stores a new copy), and handlers must not change them either. Under test they are frozen
  // so that a handler that writes to one fails loudly.
  #emit(type: WatchEventType, o: KubeObject, key: string, old?: KubeObject): void {
    if (this.freezesStored) deepFreeze(o);
    const watchers = this.#watchersOf(o.kind);
    if (watchers.length === 0) return;
    const event: WatchEvent = { type, time: this.clock.now(), object: o, key, old };
    for (let i = 0; i < watchers.length; i++) watchers[i].handler(event);
  }

  #watchersOf(kind: string): Watcher[] {
    let list = this.#watchersByKind.get(kind);
    if (!list) this.#watchersByKind.set(kind, (list = this.#watchers.filter((w) => !w.kinds || w.kinds.has(kind))));
    return list;
  }

  #nextResourceVersion(): string {
    return String(++this.#resourceVersion);
  }

  #ns(kind: string, namespace: string | undefined): string | undefined {
    return CLUSTER_SCOPED.has(kind) ? undefined : (namespace ?? 'default');
  }

  #notFound(o: KubeObject): ApiError {
    return this.#notFoundKey(o.kind, o.metadata.name);
  }

  #notFoundKey(kind: string, name: string): ApiError {
    const entry = kindNamed(kind);
    return notFound(entry?.resource ?? kind.toLowerCase() + 's', entry?.group ?? '', name);
  }
}

/** The key of an object in its kind's map, `namespace/name` (`/name` when cluster-scoped): a watch event's key. */
function storeKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/**
 * One stored object: its current version, and its key as first built. Every watch event about the object
 * carries that same key string, so the watchers' maps (which keep the first key they saw) find it by identity
 * instead of comparing the text of a new string on every lookup; and a write replaces the version in place
 * instead of setting the map again.
 */
interface StoreEntry {
  object: KubeObject;
  readonly key: string;
}

/**
 * A copy of metadata without its finalizers, the other keys in their order. Built rather than copied then
 * `delete`d: deleting a key from the middle of an object turns it into a slow dictionary, which every later
 * version of the object (a Job's pods lose their finalizer while they still run) would copy and keep.
 */
function withoutFinalizers(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const { finalizers: _dropped, ...rest } = meta;
  return rest as KubeObject['metadata'];
}

/**
 * A new version of a stored object that shares everything but its metadata with the old one. Stored objects are
 * never changed in place, so sharing is safe; a caller replaces (never edits) any other part it changes.
 */
function derive(o: KubeObject): KubeObject {
  return { ...o, metadata: { ...o.metadata } };
}

/** names.SimpleNameGenerator: the base is cut to 58 characters so the result fits 63. */
export function generatedName(base: string, suffix: string): string {
  return base.slice(0, 58) + suffix;
}

/**
 * The pod strategy's CheckGracefulDelete: a pod not bound to a node, or already terminal, goes at once;
 * otherwise the requested grace, else the pod's terminationGracePeriodSeconds (default 30).
 */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const spec = pod.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, grace);
}
