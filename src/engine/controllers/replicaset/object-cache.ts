// An informer's local store for one kind, fed by the API server's watch: objects by `namespace/name`,
// indexed by namespace and by controller UID (orphans per namespace), like client-go's indexer with
// upstream's controllerUID / orphan index. Controllers read from here instead of listing the API server,
// so a sync costs what the owner has, not what the cluster has.
import type { WatchEvent } from '../../api/api-server.ts';
import { controllerOf, type KubeObject } from '../../api/objects.ts';

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}


export interface CacheChange<T> {
  old?: T;
  cur?: T;
}

export class ObjectCache<T extends KubeObject> {
  #byKey = new Map<string, T>();
  #byNamespace = new Map<string, Map<string, T>>();
  // The controller-UID index and the orphan index, keyed by strings the objects already hold (uid, namespace),
  // so that an update builds no key.
  #byOwnerUid = new Map<string, Map<string, T>>();
  #orphansByNamespace = new Map<string, Map<string, T>>();
  #indexNamespaces: boolean;
  #keep: ((o: T) => boolean) | undefined;

  /**
   * `indexNamespaces: false` leaves out the namespace index (inNamespace then returns nothing). `keep`: only
   * objects it accepts are stored (an event for another is still reported, with the version stored before).
   */
  constructor(opts: { indexNamespaces?: boolean; keep?: (o: T) => boolean } = {}) {
    this.#indexNamespaces = opts.indexNamespaces ?? true;
    this.#keep = opts.keep;
  }

  /** Applies a watch event (the object is the event's own copy and is kept as is). */
  apply(event: WatchEvent): CacheChange<T> {
    const obj = event.object as T;
    const key = event.key ?? keyOf(obj);
    const old = this.#byKey.get(key);
    if (old) this.#unindex(key, old);
    if (event.type === 'DELETED') return { old: old ?? obj };
    if (this.#keep && !this.#keep(obj)) return { old, cur: obj };
    this.#byKey.set(key, obj);
    this.#index(key, obj);
    return { old, cur: obj };
  }

  /** Seeds the cache with objects that existed before the watch started. */
  add(obj: T): void {
    this.apply({ type: 'ADDED', time: 0, object: obj });
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#byKey.get(`${namespace ?? ''}/${name}`);
  }

  inNamespace(namespace: string | undefined): IterableIterator<T> {
    return (this.#byNamespace.get(namespace ?? '') ?? new Map<string, T>()).values();
  }

  /** Objects whose controller reference has this UID. */
  ownedBy(uid: string): IterableIterator<T> {
    return (this.#byOwnerUid.get(uid) ?? new Map<string, T>()).values();
  }

  /** Objects in a namespace with no controller reference. */
  orphansIn(namespace: string | undefined): IterableIterator<T> {
    return (this.#orphansByNamespace.get(namespace ?? '') ?? new Map<string, T>()).values();
  }

  all(): IterableIterator<T> {
    return this.#byKey.values();
  }

  #index(key: string, o: T): void {
    if (this.#indexNamespaces) {
      const ns = o.metadata.namespace ?? '';
      let m = this.#byNamespace.get(ns);
      if (!m) this.#byNamespace.set(ns, (m = new Map()));
      m.set(key, o);
    }
    const ref = controllerOf(o);
    const index = ref ? this.#byOwnerUid : this.#orphansByNamespace;
    const ik = ref ? ref.uid : (o.metadata.namespace ?? '');
    let owned = index.get(ik);
    if (!owned) index.set(ik, (owned = new Map()));
    owned.set(key, o);
  }

  #unindex(key: string, o: T): void {
    this.#byKey.delete(key);
    if (this.#indexNamespaces) this.#byNamespace.get(o.metadata.namespace ?? '')?.delete(key);
    const ref = controllerOf(o);
    if (ref) this.#byOwnerUid.get(ref.uid)?.delete(key);
    else this.#orphansByNamespace.get(o.metadata.namespace ?? '')?.delete(key);
  }
}
