// The ReplicaSet controller (§2; pkg/controller/replicaset/replica_set.go): one reconcile per ReplicaSet key.
// It claims pods (adopt/release), creates or deletes the difference to spec.replicas (at most 500 per sync,
// creations in slow-start batches, deletions in §2.2 order), waits for its own creates/deletes to be observed
// before acting again, and writes status on every sync. Pod counts are kept per owner as pods change
// (owned-pods.ts), so a sync does not walk every pod the ReplicaSet has.
import type { ApiServer, WatchEvent } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../../api/kinds.ts';
import { controllerOf, deepEqual, type KubeObject, type OwnerReference } from '../../api/objects.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { selectorIsEmpty, selectorMatches } from '../../validate/rules/meta.ts';
import { compiledSelector } from '../../api/selectors.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../runtime.ts';
import { claimObjects } from './claim.ts';
import { chooseVictims } from './deletion-order.ts';
import { Expectations } from './expectations.ts';
import { ObjectCache } from './object-cache.ts';
import { OwnedPods, type PodCounts } from './owned-pods.ts';
import { TemplatePods } from './pod-from-template.ts';
import { isPodActive } from './pod-state.ts';
import { replicaSetStatus, type ManageError } from './status.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;

/** A pod without a controller, or one a ReplicaSet controls. */
function orphanOrReplicaSets(p: Pod): boolean {
  const kind = controllerOf(p)?.kind;
  return kind === undefined || kind === 'ReplicaSet';
}

function podKey(p: Pod): string {
  return namespacedKey(p.metadata.namespace, p.metadata.name);
}

export class ReplicaSetController implements Controller {
  readonly name = REPLICASET_CONTROLLER;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #events!: EventRecorder;
  #queue!: WorkQueue;
  #expectations!: Expectations;
  #replicaSets = new ObjectCache<ReplicaSet>();
  // Pods are read by owner (counts in #owned) and as orphans per namespace, never by namespace alone; only
  // orphans are read from this cache, and the previous version of a pod only matters when it was an orphan or
  // a ReplicaSet's (a Job's pods would only cost upkeep on every status change).
  #pods = new ObjectCache<Pod>({ indexNamespaces: false, keep: orphanOrReplicaSets });
  #owned = new OwnedPods();
  #failures = new Map<string, number>();
  #templatePods = new TemplatePods();

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#events = ctx.events;
    this.#expectations = new Expectations(() => ctx.clock.now());
    this.#queue = new WorkQueue(ctx.clock, 'replicaset-sync', LATENCY.controllerSync, (key) => this.#sync(key));
    for (const rs of ctx.api.list<ReplicaSet>('ReplicaSet')) this.#replicaSets.add(rs);
    for (const pod of ctx.api.list<Pod>('Pod')) {
      this.#pods.add(pod);
      this.#owned.update(undefined, pod);
    }
    ctx.api.watch(['ReplicaSet'], (e) => this.#onReplicaSet(e));
    ctx.api.watch(['Pod'], (e) => this.#onPod(e));
    for (const rs of this.#replicaSets.all()) this.#enqueue(rs);
  }

  // ---- event handlers (addRS/updateRS/deleteRS, addPod/updatePod/deletePod) -----------------------------

  #enqueue(rs: KubeObject): void {
    this.#queue.add(namespacedKey(rs.metadata.namespace, rs.metadata.name));
  }

  #onReplicaSet(e: WatchEvent): void {
    const { old, cur } = this.#replicaSets.apply(e);
    const rs = cur ?? old!;
    const key = namespacedKey(rs.metadata.namespace, rs.metadata.name);
    // A deleted (or re-created) ReplicaSet starts with clean expectations.
    if (e.type === 'DELETED' || (old && cur && old.metadata.uid !== cur.metadata.uid)) this.#expectations.delete(key);
    if (e.type === 'DELETED') this.#templatePods.forget(rs.metadata.uid);
    this.#queue.add(key);
  }

  #resolveControllerRef(namespace: string | undefined, ref: OwnerReference): ReplicaSet | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.#replicaSets.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** GetPodReplicaSets: ReplicaSets whose non-empty selector matches an orphan pod's labels. */
  #replicaSetsSelecting(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.#replicaSets.inNamespace(pod.metadata.namespace)) {
      const sel = compiledSelector(rs.spec?.selector);
      if (!sel || selectorIsEmpty(sel) || !selectorMatches(sel, pod.metadata.labels ?? {})) continue;
      out.push(rs);
    }
    return out;
  }

  #onPod(e: WatchEvent): void {
    const { old, cur } = this.#pods.apply(e);
    this.#owned.update(old, cur, e.key);
    if (e.type === 'DELETED') return this.#podGone(old!);
    const pod = cur!;
    if (!old) {
      if (pod.metadata.deletionTimestamp !== undefined) return this.#podGone(pod);
      const ref = controllerOf(pod);
      if (ref) {
        const rs = this.#resolveControllerRef(pod.metadata.namespace, ref);
        if (!rs) return;
        const key = namespacedKey(rs.metadata.namespace, rs.metadata.name);
        this.#expectations.creationObserved(key);
        this.#queue.add(key);
        return;
      }
      for (const rs of this.#replicaSetsSelecting(pod)) this.#enqueue(rs);
      return;
    }
    if (pod.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelsChanged = !deepEqual(pod.metadata.labels ?? {}, old.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp !== undefined) {
      // A graceful deletion counts as observed at once: the replacement must not wait for the kubelet.
      this.#podGone(pod);
      if (labelsChanged) this.#podGone(old);
      return;
    }
    const curRef = controllerOf(pod);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.#resolveControllerRef(old.metadata.namespace, oldRef);
      if (rs) this.#enqueue(rs);
    }
    if (curRef) {
      const rs = this.#resolveControllerRef(pod.metadata.namespace, curRef);
      if (rs) this.#enqueue(rs);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.#replicaSetsSelecting(pod)) this.#enqueue(rs);
  }

  #podGone(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.#resolveControllerRef(pod.metadata.namespace, ref);
    if (!rs) return;
    const key = namespacedKey(rs.metadata.namespace, rs.metadata.name);
    this.#expectations.deletionObserved(key, podKey(pod));
    this.#queue.add(key);
  }

  // ---- reconcile ----------------------------------------------------------------------------------------

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const rs = this.#replicaSets.get(namespace, name);
    if (!rs) {
      this.#expectations.delete(key);
      this.#failures.delete(key);
      return;
    }
    const needsSync = this.#expectations.satisfied(key);
    const selector = compiledSelector(rs.spec?.selector);
    if (!selector) return; // a selector that does not compile selects nothing; upstream logs and stops

    // claimPods over the active pods this ReplicaSet controls plus the namespace's orphans. Adoption and
    // release are API writes; their watch events update the counts before they are read below.
    const candidates = [...this.#owned.activeMismatched(rs), ...[...this.#pods.orphansIn(namespace)].filter(isPodActive)];
    if (candidates.length) {
      const claim = claimObjects({ api: this.#api, owner: rs, selector }, candidates);
      if (claim.errors.length) {
        // The sync fails and is retried; status is not written (upstream returns before calculateStatus).
        this.#retryLater(key);
        return;
      }
    }

    const now = this.#clock.now();
    // Status counts what was there before this sync created or deleted anything, as upstream does.
    const counts = this.#owned.counts(rs, now);
    let manageError: ManageError | undefined;
    if (needsSync && rs.metadata.deletionTimestamp === undefined) manageError = this.#manageReplicas(key, rs, counts);

    const updated = this.#writeStatus(rs, replicaSetStatus(rs, counts, manageError, now));
    // Re-check availability at the moment the next ready pod reaches minReadySeconds (#132121).
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (updated.status?.readyReplicas ?? 0) !== (updated.status?.availableReplicas ?? 0)) {
      this.#queue.addAfter(key, this.#owned.nextAvailabilityMs(rs, now) ?? minReady * 1000);
    }
    if (manageError) this.#retryLater(key);
    else this.#failures.delete(key);
  }

  /** A failed sync is retried with the work queue's per-item exponential back-off (5 ms, 10 ms, 20 ms …). */
  #retryLater(key: string): void {
    const n = this.#failures.get(key) ?? 0;
    this.#failures.set(key, n + 1);
    this.#queue.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  /** manageReplicas: create or delete the difference, at most BURST_REPLICAS. */
  #manageReplicas(key: string, rs: ReplicaSet, counts: PodCounts): ManageError | undefined {
    const replicas = rs.spec?.replicas ?? 1;
    const diff = counts.replicas - replicas;
    if (diff < 0) return this.#createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.#deletePods(key, rs, Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  #createPods(key: string, rs: ReplicaSet, count: number): ManageError | undefined {
    this.#expectations.expectCreations(key, count);
    const result = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => this.#createOnePod(rs));
    // Skipped creations will never be observed.
    for (let i = result.successes; i < count; i++) this.#expectations.creationObserved(key);
    return result.error ? { reason: 'FailedCreate', message: result.error } : undefined;
  }

  #createOnePod(rs: ReplicaSet): string | undefined {
    const template = rs.spec!.template;
    if (Object.keys(template.metadata?.labels ?? {}).length === 0) return 'unable to create pods, no labels';
    // the pod is shared by the creates of this template: createInternal stores a copy
    const r = this.#api.createInternal(this.#templatePods.podFor(template, rs));
    if (!r.ok) {
      this.#events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, REPLICASET_CONTROLLER);
      return r.error.message;
    }
    this.#events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata.name}`, REPLICASET_CONTROLLER);
    return undefined;
  }

  #deletePods(key: string, rs: ReplicaSet, count: number): ManageError | undefined {
    const victims = chooseVictims(this.#owned.activeClaimed(rs), this.#relatedPodsPerNode(rs), count, this.#clock.now()).map((f) => f.pod);
    this.#expectations.expectDeletions(key, victims.map(podKey));
    let firstError: string | undefined;
    for (const pod of victims) {
      const r = this.#api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
      if (r.ok) {
        this.#events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, REPLICASET_CONTROLLER);
        continue;
      }
      this.#expectations.deletionObserved(key, podKey(pod));
      if (r.error.reason === 'NotFound') continue;
      this.#events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${r.error.message}`, REPLICASET_CONTROLLER);
      firstError ??= `unable to delete pods: ${r.error.message}`;
    }
    return firstError ? { reason: 'FailedDelete', message: firstError } : undefined;
  }

  /**
   * getIndirectlyRelatedPods, counted per node: the active pods of every ReplicaSet with the same controlling
   * owner (the sibling ReplicaSets of one Deployment). Upstream lists them by each sibling's selector; the
   * pods a sibling selects are the ones it controls (it adopts the rest), so they are read by owner here.
   * A ReplicaSet without an owner has none, so rule 5 never separates its pods.
   */
  #relatedPodsPerNode(rs: ReplicaSet): Map<string, number> {
    const onNode = new Map<string, number>();
    const owner = controllerOf(rs);
    if (!owner) return onNode;
    for (const sibling of this.#replicaSets.inNamespace(rs.metadata.namespace)) {
      if (controllerOf(sibling)?.uid === owner.uid) this.#owned.addActivePerNode(sibling.metadata.uid, onNode);
    }
    return onNode;
  }

  /** updateReplicaSetStatus: skipped when nothing changed and the generation is already observed. */
  #writeStatus(rs: ReplicaSet, status: ReplicaSetStatus): ReplicaSet {
    const generation = rs.metadata.generation ?? 0;
    const current = rs.status;
    if (current && (current.observedGeneration ?? 0) === generation && deepEqual(current, status)) return rs;
    const { conditions, observedGeneration: _o, ...counts } = status;
    // apps/v1 field order: the counts, observedGeneration, conditions.
    const next: ReplicaSetStatus = { ...counts, ...(generation ? { observedGeneration: generation } : {}), ...(conditions ? { conditions } : {}) };
    const r = this.#api.updateStatus<ReplicaSet>({ ...rs, status: next });
    return r.ok ? r.object : rs;
  }
}
