// The garbage collector (kube-controller-manager's `garbage-collector-controller`, reference §6), modelled on
// pkg/controller/garbagecollector: a dependency graph kept from watches, and two work queues.
//
// * attemptToDelete (keyed by uid): an object whose owners may be gone. Its owner references are classified
//   by live lookups as solid (owner exists), dangling (owner absent, or another uid under that name) or
//   waiting (owner is being deleted in the foreground). With a solid owner the object stays, minus its
//   dangling and waiting references; otherwise it is deleted — in the foreground when an owner is waiting
//   and the object has dependents of its own (so chains unwind from the leaves), else with the policy its own
//   finalizers ask for (Background by default). An owner that is itself deleting dependents is handled here
//   too: once no dependent with `blockOwnerDeletion: true` is left, its `foregroundDeletion` finalizer goes.
// * attemptToOrphan (keyed by uid): an owner deleted with the `orphan` finalizer: the references to it are
//   removed from its dependents, then the finalizer.
//
// Pods the collector deletes go through graceful deletion like any other DELETE (the API server sets the
// deletionTimestamp; the kubelet finishes).
import type { WatchEvent } from '../../api/api-server.ts';
import { CLUSTER_SCOPED, type KubeObject, type OwnerReference } from '../../api/objects.ts';
import { KINDS, kindNamed } from '../../schema/index.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { WorkQueue, type Controller, type ControllerContext } from '../runtime.ts';
import { DependencyGraph, type GraphNode, type NodeState, type OwnerDiff } from './graph.ts';

/** The event source of the collector's events (kube-controller-manager's recorder for it). */
export const GC_COMPONENT = 'garbage-collector-controller';

type Lookup = { dangling: true } | { dangling: false; owner: KubeObject } | { error: string };

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  #ctx!: ControllerContext;
  #graph = new DependencyGraph();
  #attemptToDelete!: WorkQueue;
  #attemptToOrphan!: WorkQueue;

  start(ctx: ControllerContext): void {
    this.#ctx = ctx;
    this.#attemptToDelete = new WorkQueue(ctx.clock, 'garbage-collector attemptToDelete', LATENCY.controllerSync, (uid) => this.#attemptToDeleteItem(uid));
    this.#attemptToOrphan = new WorkQueue(ctx.clock, 'garbage-collector attemptToOrphan', LATENCY.controllerSync, (uid) => this.#orphanDependents(uid));
    // The informers' initial list: every node first, so that owners listed after their dependents are known.
    const existing = ctx.api.all().filter((o) => o.kind !== 'Event');
    const added = existing.map((o) => ({ o, ...this.#graph.upsert(o) }));
    for (const { o, node, diff } of added) {
      this.#addDependentToOwners(o, node, diff.added);
      this.#processTransitions(null, node);
    }
    // Every kind can own or depend, except Events (upstream ignores the events resources).
    ctx.api.watch(KINDS.map((k) => k.kind).filter((k) => k !== 'Event'), (e) => this.#onChange(e));
  }

  // ---- the graph builder: watch events → graph → queues --------------------------------------------------

  #onChange(e: WatchEvent): void {
    const o = e.object;
    if (e.type === 'DELETED') {
      const node = this.#graph.remove(o.metadata.uid);
      if (!node) return;
      for (const dep of this.#graph.dependents(node.uid)) this.#attemptToDelete.add(dep.uid);
      for (const ref of node.owners) {
        const owner = this.#graph.node(ref.uid);
        // A foreground owner re-checks whether it still has blocking dependents.
        if (owner?.deletingDependents) this.#attemptToDelete.add(owner.uid);
      }
      return;
    }
    // A change that kept the owner references and the deletion state (a status write: the very same objects)
    // leaves the graph as it is.
    if (e.old && sameGraphFacts(e.old, o)) return;
    const { node, previous, diff } = this.#graph.upsert(o);
    this.#addDependentToOwners(o, node, diff.added);
    this.#addUnblockedOwnersToDeleteQueue(diff);
    this.#processTransitions(previous, node);
  }

  /**
   * New owner references are verified: an owner the graph has never seen may not exist, and one seen under
   * other coordinates (another namespace, name or kind) is not this reference's owner.
   */
  #addDependentToOwners(o: KubeObject, node: GraphNode, added: OwnerReference[]): void {
    let verify = false;
    for (const ref of added) {
      const owner = this.#graph.node(ref.uid);
      if (!owner) {
        verify = true;
        continue;
      }
      if (owner.namespace !== undefined && owner.namespace !== node.namespace) {
        // Owner references are namespace-local (§6): the owner exists, but not where the dependent can see it.
        this.#ctx.events.record(o, 'Warning', 'OwnerRefInvalidNamespace',
          `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: ${node.namespace ?? ''}, name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace "${node.namespace ?? ''}"`,
          GC_COMPONENT);
        verify = true;
      } else if (owner.kind !== ref.kind || owner.name !== ref.name || owner.apiVersion !== ref.apiVersion) {
        verify = true;
      }
    }
    if (verify) this.#attemptToDelete.add(node.uid);
  }

  /** A foreground owner waits only for blocking references: one removed or unblocked may let it go. */
  #addUnblockedOwnersToDeleteQueue(diff: OwnerDiff): void {
    for (const ref of diff.removed) {
      if (ref.blockOwnerDeletion === true && this.#graph.node(ref.uid)) this.#attemptToDelete.add(ref.uid);
    }
    for (const { oldRef, newRef } of diff.changed) {
      if (oldRef.blockOwnerDeletion === true && newRef.blockOwnerDeletion !== true && this.#graph.node(newRef.uid)) {
        this.#attemptToDelete.add(newRef.uid);
      }
    }
  }

  #processTransitions(previous: NodeState | null, node: GraphNode): void {
    if (node.orphaning && !previous?.orphaning) {
      this.#attemptToOrphan.add(node.uid);
      return;
    }
    if (node.deletingDependents && !previous?.deletingDependents) {
      for (const dep of this.#graph.dependents(node.uid)) this.#attemptToDelete.add(dep.uid);
      this.#attemptToDelete.add(node.uid);
    }
  }

  // ---- attemptToDelete -----------------------------------------------------------------------------------

  #attemptToDeleteItem(uid: string): void {
    const node = this.#graph.node(uid);
    if (!node) return;
    // "Being deleted" is a one-way trip: wait for the object to go, then its dependents are processed.
    if (node.beingDeleted && !node.deletingDependents) return;
    const latest = this.#latest(node);
    if (!latest) return;
    if (node.deletingDependents) {
      this.#processDeletingDependents(node);
      return;
    }
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;

    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const found = this.#lookupOwner(ref, node);
      // An owner kind the API does not serve, or a namespaced owner of a cluster-scoped object: upstream cannot
      // resolve the reference and leaves the object alone (it retries; nothing here would change the answer).
      if ('error' in found) return;
      if (found.dangling) dangling.push(ref);
      else if (found.owner.metadata.deletionTimestamp !== undefined && found.owner.metadata.finalizers?.includes('foregroundDeletion')) waiting.push(ref);
      else solid.push(ref);
    }

    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Waiting references must go too, or their owners would wait for this object forever.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.#updateOwnerRefs(node, (rs) => rs.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (waiting.length > 0 && this.#graph.hasDependents(uid)) {
      // Delete this object in the foreground too, so that its owner waits for the whole chain. A dependent
      // already deleting its own dependents may point back here (a cycle): unblock the owners first.
      if (this.#graph.dependents(uid).some((d) => d.deletingDependents)) {
        this.#updateOwnerRefs(node, (rs) => rs.map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r)));
      }
      this.#ctx.api.delete(node.kind, node.namespace, node.name, { propagationPolicy: 'Foreground' });
      return;
    }
    const finalizers = latest.metadata.finalizers ?? [];
    const policy = finalizers.includes('orphan') ? 'Orphan' : finalizers.includes('foregroundDeletion') ? 'Foreground' : 'Background';
    this.#ctx.api.delete(node.kind, node.namespace, node.name, { propagationPolicy: policy });
  }

  /** An owner in foreground deletion: done when no dependent with blockOwnerDeletion: true is left. */
  #processDeletingDependents(node: GraphNode): void {
    const blocking = this.#graph.dependents(node.uid).filter((d) =>
      d.owners.some((r) => r.uid === node.uid && r.blockOwnerDeletion === true));
    if (blocking.length === 0) {
      this.#ctx.api.removeFinalizer(node.kind, node.namespace, node.name, 'foregroundDeletion');
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.#attemptToDelete.add(dep.uid);
  }

  /** upstream isDangling: a live GET of the owner in the dependent's namespace (cluster-scoped owners: none). */
  #lookupOwner(ref: OwnerReference, item: GraphNode): Lookup {
    const entry = kindNamed(ref.kind);
    if (!entry || entry.apiVersion !== ref.apiVersion) return { error: `unable to get REST mapping for ${ref.apiVersion}/${ref.kind}` };
    if (item.namespace === undefined && entry.namespaced) return { error: 'cluster-scoped objects cannot refer to namespaced owners' };
    const owner = this.#ctx.api.peek(ref.kind, entry.namespaced ? item.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return { dangling: true };
    return { dangling: false, owner };
  }

  // ---- attemptToOrphan -----------------------------------------------------------------------------------

  #orphanDependents(uid: string): void {
    const node = this.#graph.node(uid);
    if (!node || !this.#latest(node)) return;
    for (const dep of this.#graph.dependents(uid)) {
      this.#updateOwnerRefs(dep, (rs) => rs.filter((r) => r.uid !== uid));
    }
    this.#ctx.api.removeFinalizer(node.kind, node.namespace, node.name, 'orphan');
  }

  // ---- API helpers ---------------------------------------------------------------------------------------

  /** The stored object behind a node, if it is still the same object (uid precondition). Read only (shared). */
  #latest(node: GraphNode): KubeObject | undefined {
    const o = this.#ctx.api.peek(node.kind, CLUSTER_SCOPED.has(node.kind) ? undefined : node.namespace, node.name);
    return o && o.metadata.uid === node.uid ? o : undefined;
  }

  /** A metadata patch of ownerReferences (the field disappears when the last reference goes). */
  #updateOwnerRefs(node: GraphNode, edit: (refs: OwnerReference[]) => OwnerReference[]): void {
    const latest = this.#latest(node);
    if (!latest) return;
    // The update copies what it is given: a new top level and metadata are enough not to touch the stored object.
    const o = { ...latest, metadata: { ...latest.metadata } };
    const refs = edit(o.metadata.ownerReferences ?? []);
    if (refs.length) o.metadata.ownerReferences = refs;
    else delete o.metadata.ownerReferences;
    this.#ctx.api.update(o);
  }
}

/** The parts of an object the graph follows are the same (identical references, or equal texts). */
export function sameGraphFacts(old: KubeObject, cur: KubeObject): boolean {
  const a = old.metadata;
  const b = cur.metadata;
  return a.ownerReferences === b.ownerReferences && a.deletionTimestamp === b.deletionTimestamp && a.finalizers === b.finalizers && a.uid === b.uid;
}
