// The garbage collector's dependency graph (upstream: GraphBuilder's uidToNode), kept current from watch events
// so that no event needs a scan: one node per live object, and an owner-uid → dependent-uids index that is the
// exact inverse of every live object's ownerReferences. An owner uid can be in the index without a node (the
// owner was deleted, or never existed): upstream calls that a "virtual" node.
import type { KubeObject, OwnerReference } from '../../api/objects.ts';

export interface GraphNode {
  readonly uid: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace: string | undefined;
  readonly name: string;
  owners: OwnerReference[];
  /** metadata.deletionTimestamp is set. */
  beingDeleted: boolean;
  /** Being deleted with the `foregroundDeletion` finalizer: waiting for its blocking dependents. */
  deletingDependents: boolean;
  /** Being deleted with the `orphan` finalizer. */
  orphaning: boolean;
}

/** What an ADDED/MODIFIED event changed in a node's ownerReferences (upstream referencesDiffs). */
export interface OwnerDiff {
  added: OwnerReference[];
  removed: OwnerReference[];
  changed: { oldRef: OwnerReference; newRef: OwnerReference }[];
}

export interface NodeState {
  beingDeleted: boolean;
  deletingDependents: boolean;
  orphaning: boolean;
}

export class DependencyGraph {
  #nodes = new Map<string, GraphNode>();
  #dependents = new Map<string, Set<string>>();

  node(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  /** Live dependents of `ownerUid`, in the order they were first seen. */
  dependents(ownerUid: string): GraphNode[] {
    const set = this.#dependents.get(ownerUid);
    if (!set) return [];
    const out: GraphNode[] = [];
    for (const uid of set) {
      const n = this.#nodes.get(uid);
      if (n) out.push(n);
    }
    return out;
  }

  hasDependents(ownerUid: string): boolean {
    return (this.#dependents.get(ownerUid)?.size ?? 0) > 0;
  }

  /**
   * Records an object's current state. Returns the node, its previous state (null for a new node) and how
   * its ownerReferences changed (a new node: all of them added).
   */
  upsert(o: KubeObject): { node: GraphNode; previous: NodeState | null; diff: OwnerDiff } {
    const meta = o.metadata;
    const owners = meta.ownerReferences ?? [];
    const state = stateOf(o);
    const existing = this.#nodes.get(meta.uid);
    if (!existing) {
      const node: GraphNode = {
        uid: meta.uid, kind: o.kind, apiVersion: o.apiVersion, namespace: meta.namespace, name: meta.name,
        owners, ...state,
      };
      this.#nodes.set(node.uid, node);
      for (const ref of owners) this.#link(ref.uid, node.uid);
      return { node, previous: null, diff: { added: owners, removed: [], changed: [] } };
    }
    const previous = nodeState(existing.beingDeleted, existing.deletingDependents, existing.orphaning);
    // Most updates (status writes) keep the very same ownerReferences array: nothing to compare.
    const diff = existing.owners === owners ? NO_DIFF : referencesDiff(existing.owners, owners);
    for (const ref of diff.removed) this.#unlink(ref.uid, existing.uid);
    for (const ref of diff.added) this.#link(ref.uid, existing.uid);
    existing.owners = owners;
    existing.beingDeleted = state.beingDeleted;
    existing.deletingDependents = state.deletingDependents;
    existing.orphaning = state.orphaning;
    return { node: existing, previous, diff };
  }

  /** Forgets a deleted object; its own dependents stay indexed under its uid until they change. */
  remove(uid: string): GraphNode | undefined {
    const node = this.#nodes.get(uid);
    if (!node) return undefined;
    this.#nodes.delete(uid);
    for (const ref of node.owners) this.#unlink(ref.uid, uid);
    return node;
  }

  #link(ownerUid: string, dependentUid: string): void {
    let set = this.#dependents.get(ownerUid);
    if (!set) this.#dependents.set(ownerUid, (set = new Set()));
    set.add(dependentUid);
  }

  #unlink(ownerUid: string, dependentUid: string): void {
    const set = this.#dependents.get(ownerUid);
    if (!set) return;
    set.delete(dependentUid);
    if (set.size === 0) this.#dependents.delete(ownerUid);
  }
}

/** An empty diff, shared (never changed). */
const NO_DIFF: OwnerDiff = Object.freeze({ added: [], removed: [], changed: [] }) as unknown as OwnerDiff;

export function stateOf(o: KubeObject): NodeState {
  const beingDeleted = o.metadata.deletionTimestamp !== undefined;
  const finalizers = o.metadata.finalizers;
  return nodeState(
    beingDeleted,
    beingDeleted && finalizers !== undefined && finalizers.includes('foregroundDeletion'),
    beingDeleted && finalizers !== undefined && finalizers.includes('orphan'),
  );
}

/**
 * The eight possible states, shared and frozen: every watch event of every object reads a state (and the
 * previous one), and a state is only ever read.
 */
const NODE_STATES: readonly NodeState[] = Array.from({ length: 8 }, (_, bits) =>
  Object.freeze({ beingDeleted: (bits & 4) !== 0, deletingDependents: (bits & 2) !== 0, orphaning: (bits & 1) !== 0 }),
);

function nodeState(beingDeleted: boolean, deletingDependents: boolean, orphaning: boolean): NodeState {
  return NODE_STATES[(beingDeleted ? 4 : 0) | (deletingDependents ? 2 : 0) | (orphaning ? 1 : 0)]!;
}

function sameRef(a: OwnerReference, b: OwnerReference): boolean {
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid &&
    a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}

/** Owner references are identified by uid; a reference whose other fields changed is "changed". */
function referencesDiff(old: OwnerReference[], next: OwnerReference[]): OwnerDiff {
  if (old.length === 0 && next.length === 0) return NO_DIFF;
  const diff: OwnerDiff = { added: [], removed: [], changed: [] };
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  for (const ref of next) {
    const before = oldByUid.get(ref.uid);
    if (!before) diff.added.push(ref);
    else {
      if (!sameRef(before, ref)) diff.changed.push({ oldRef: before, newRef: ref });
      oldByUid.delete(ref.uid);
    }
  }
  diff.removed.push(...oldByUid.values());
  return diff;
}
