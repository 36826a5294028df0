// The shapes the simulated API server stores: plain JSON objects as `kubectl get -o json` shows them.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [k: string]: unknown;
}

export type JsonObject = { [k: string]: unknown };

/** Any stored object. Kind-specific shapes (Pod, Deployment …) are in ./kinds.ts. */
export interface KubeObject<Spec = JsonObject, Status = JsonObject> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  [k: string]: unknown;
}

/** Kinds stored without a namespace. */
export const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function keyOf(o: KubeObject): string {
  return objectKey(o.kind, o.metadata.namespace, o.metadata.name);
}

/** A deep copy of JSON data (the store never hands out its own objects). Keys whose value is undefined are left out. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return cloneObject(value as object) as T;
}

// Loops instead of map/filter/every: these two functions run for every stored write of a long simulation.
function cloneObject(value: object): unknown {
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      out[i] = v === null || typeof v !== 'object' ? v : cloneObject(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out[k] = v === null || typeof v !== 'object' ? v : cloneObject(v);
  }
  return out;
}

/** JSON equality (key order ignored; a key whose value is undefined counts as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!deepEqual(aa[i], bb[i])) return false;
    return true;
  }
  return sameEntries(a as Record<string, unknown>, b as Record<string, unknown>, undefined);
}

/** The objects have the same defined keys with deepEqual values, `skip` (if given) not compared. */
function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>, skip: string | undefined): boolean {
  let na = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || k === skip) continue;
    na++;
    if (!deepEqual(v, b[k])) return false;
  }
  let nb = 0;
  for (const k in b) if (b[k] !== undefined && k !== skip) nb++;
  return na === nb;
}

/**
 * deepEqual of two versions of a stored object, ignoring metadata.resourceVersion (what the API server compares
 * to tell a write that changes nothing).
 */
export function equalIgnoringResourceVersion(a: KubeObject, b: KubeObject): boolean {
  if (!sameEntries(a, b, 'metadata')) return false;
  return a.metadata === b.metadata || sameEntries(a.metadata, b.metadata, 'resourceVersion');
}

/** deepEqual of everything but metadata and status (a spec change bumps metadata.generation). */
export function equalIgnoringMetaAndStatus(a: KubeObject, b: KubeObject): boolean {
  let na = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || k === 'metadata' || k === 'status') continue;
    na++;
    if (!deepEqual(v, b[k])) return false;
  }
  let nb = 0;
  for (const k in b) if (b[k] !== undefined && k !== 'metadata' && k !== 'status') nb++;
  return na === nb;
}

/**
 * `a` and `b` are the same JSON text: deepEqual, and every object has the same keys in the same order. Where
 * this holds, a new version may keep the previous version's value instead of its own copy: nobody can tell.
 */
export function identicalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!identicalJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // a's keys go on a shared stack (nested calls use the part above), then b's must come in the same order
  const base = keyTop;
  for (const k in a) keyStack[keyTop++] = k;
  const n = keyTop - base;
  let i = 0;
  let same = true;
  for (const k in b) {
    if (i >= n || keyStack[base + i] !== k) {
      same = false;
      break;
    }
    i++;
  }
  if (same && i !== n) same = false;
  for (let j = 0; same && j < n; j++) {
    const k = keyStack[base + j]!;
    same = identicalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  }
  keyTop = base;
  return same;
}

/** Scratch space of identicalJson (no array per compared object): keys in use are keyStack[0, keyTop). */
const keyStack: string[] = [];
let keyTop = 0;

/**
 * `next`, sharing what did not change with `prev`: `prev` itself when identical (identicalJson), else for
 * arrays each identical element of `prev` in place of the new one. Stored objects are never changed in place,
 * so a new version may hold parts of the previous one: fewer copies kept, and cheaper comparisons later.
 */
export function shareUnchanged<T>(prev: T | undefined, next: T): T {
  if (prev === undefined) return next;
  if (!Array.isArray(prev) || !Array.isArray(next)) return identicalJson(prev, next) ? prev : next;
  let all = prev.length === next.length;
  for (let i = 0; i < next.length; i++) {
    if (i < prev.length && identicalJson(prev[i], next[i])) next[i] = prev[i];
    else all = false;
  }
  return all ? prev : next;
}

/** The ownerReference with controller: true, if any (a loop: every controller asks this on every pod event). */
export function controllerOf(o: KubeObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i]!.controller === true) return refs[i];
  return undefined;
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isBeingDeleted(o: KubeObject): boolean {
  return o.metadata.deletionTimestamp !== undefined;
}
