// The Deployment controller (§3; pkg/controller/deployment/deployment_controller.go): one reconcile per
// Deployment key, in syncDeployment's order (§3.4). It owns ReplicaSets only — pods are the ReplicaSet
// controller's — and reads pods just to know when a Recreate may start the new ReplicaSet. Unlike upstream
// it keeps no pod informer (every watch costs the simulated API server a copy of each pod change): a
// Recreate Deployment is woken by its old ReplicaSet's status (replicas / terminatingReplicas reaching 0,
// one controller latency after upstream's deletePod handler would) and lists pods only then.
import type { ApiServer, WatchEvent } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Deployment, Pod, ReplicaSet } from '../../api/kinds.ts';
import { clone, controllerOf, deepEqual, type KubeObject, type OwnerReference } from '../../api/objects.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { labelSelectorAsSelector, selectorIsEmpty, selectorMatches } from '../../validate/rules/meta.ts';
import { claimObjects } from '../replicaset/claim.ts';
import { ObjectCache } from '../replicaset/object-cache.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../runtime.ts';
import { checkPausedConditions, syncDeploymentStatus } from './progress.ts';
import { isScalingEvent, syncScaling } from './proportional.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.ts';
import { TemplateKeys } from './replica-sets.ts';
import { rolloutRecreate } from './recreate.ts';
import { rollback, rollbackTo } from './rollback.ts';
import { rolloutRolling } from './rolling.ts';
import { DEPLOYMENT_CONTROLLER, SyncError, updateDeploymentStatus, type SyncContext } from './sync-context.ts';

/** maxRetries of deployment_controller.go: a Deployment failing this often is dropped from the queue. */
const MAX_RETRIES = 15;

export class DeploymentController implements Controller {
  readonly name = DEPLOYMENT_CONTROLLER;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #events!: EventRecorder;
  #queue!: WorkQueue;
  #deployments = new ObjectCache<Deployment>();
  #replicaSets = new ObjectCache<ReplicaSet>();
  #failures = new Map<string, number>();
  #templateKeys = new TemplateKeys();

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#events = ctx.events;
    this.#queue = new WorkQueue(ctx.clock, 'deployment-sync', LATENCY.controllerSync, (key) => this.#sync(key));
    for (const d of ctx.api.list<Deployment>('Deployment')) this.#deployments.add(d);
    for (const rs of ctx.api.list<ReplicaSet>('ReplicaSet')) this.#replicaSets.add(rs);
    ctx.api.watch(['Deployment'], (e) => {
      const { cur, old } = this.#deployments.apply(e);
      this.#enqueue((cur ?? old)!);
    });
    ctx.api.watch(['ReplicaSet'], (e) => this.#onReplicaSet(e));
    for (const d of this.#deployments.all()) this.#enqueue(d);
  }

  #enqueue(d: KubeObject): void {
    this.#queue.add(namespacedKey(d.metadata.namespace, d.metadata.name));
  }

  // ---- event handlers (addReplicaSet/updateReplicaSet/deleteReplicaSet) ---------------------------------

  #resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.#deployments.get(namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** getDeploymentsForReplicaSet: Deployments whose non-empty selector matches an orphan's labels. */
  #deploymentsSelecting(rs: ReplicaSet): Deployment[] {
    const out: Deployment[] = [];
    for (const d of this.#deployments.inNamespace(rs.metadata.namespace)) {
      const sel = labelSelectorAsSelector(d.spec?.selector);
      if (sel && !selectorIsEmpty(sel) && selectorMatches(sel, rs.metadata.labels ?? {})) out.push(d);
    }
    return out;
  }

  #onReplicaSet(e: WatchEvent): void {
    const { old, cur } = this.#replicaSets.apply(e);
    if (!cur) {
      const ref = controllerOf(old!);
      const d = ref && this.#resolveControllerRef(old!.metadata.namespace, ref);
      if (d) this.#enqueue(d);
      return;
    }
    const curRef = controllerOf(cur);
    if (!old) {
      if (curRef) {
        const d = this.#resolveControllerRef(cur.metadata.namespace, curRef);
        if (d) this.#enqueue(d);
        return;
      }
      for (const d of this.#deploymentsSelecting(cur)) this.#enqueue(d);
      return;
    }
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.#resolveControllerRef(old.metadata.namespace, oldRef);
      if (d) this.#enqueue(d);
    }
    if (curRef) {
      const d = this.#resolveControllerRef(cur.metadata.namespace, curRef);
      if (d) this.#enqueue(d);
      return;
    }
    const labelsChanged = !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {});
    if (labelsChanged || refChanged) for (const d of this.#deploymentsSelecting(cur)) this.#enqueue(d);
  }

  // ---- reads --------------------------------------------------------------------------------------------

  /** getPodMapForDeployment: pods selected by the Deployment, grouped by the owned ReplicaSet controlling them. */
  #podMap(d: Deployment, rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata.uid, []]));
    for (const pod of this.#api.list<Pod>('Pod', { namespace: d.metadata.namespace, selector: d.spec?.selector })) {
      const ref = controllerOf(pod);
      if (ref) map.get(ref.uid)?.push(pod);
    }
    return map;
  }

  // ---- reconcile ----------------------------------------------------------------------------------------

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cached = this.#deployments.get(namespace, name);
    if (!cached) {
      this.#failures.delete(key);
      return;
    }
    const d = clone(cached);
    const ctx: SyncContext = {
      api: this.#api,
      events: this.#events,
      now: () => this.#clock.now(),
      requeueAfter: (ms) => this.#queue.addAfter(key, ms),
      templateKeys: this.#templateKeys,
    };
    try {
      this.#syncDeployment(ctx, d);
      this.#failures.delete(key);
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      // handleErr: rate-limited retries (5 ms, 10 ms, 20 ms … per key, reset by a successful sync), dropped
      // after maxRetries (15) until the next event about the Deployment.
      const n = this.#failures.get(key) ?? 0;
      if (n >= MAX_RETRIES) {
        this.#failures.delete(key);
        return;
      }
      this.#failures.set(key, n + 1);
      this.#queue.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
    }
  }

  /** syncDeployment (§3.4). */
  #syncDeployment(ctx: SyncContext, d: Deployment): void {
    const selector = d.spec?.selector;
    if (selector && Object.values(selector).every((v) => v === undefined)) {
      this.#events.record(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', DEPLOYMENT_CONTROLLER);
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        updateDeploymentStatus(ctx, d);
      }
      return;
    }
    const rsList = this.#claimReplicaSets(d);
    if (d.metadata.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
      return syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
    }
    checkPausedConditions(ctx, d);
    if (d.spec?.paused) return syncScaling(ctx, d, rsList);
    if (rollbackTo(d) !== undefined) return rollback(ctx, d, rsList);
    if (isScalingEvent(ctx, d, rsList)) return syncScaling(ctx, d, rsList);
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(ctx, d, rsList, () => this.#podMap(d, rsList));
    return rolloutRolling(ctx, d, rsList);
  }

  /** getReplicaSetsForDeployment: claim (adopt/release) the namespace's ReplicaSets by selector. */
  #claimReplicaSets(d: Deployment): ReplicaSet[] {
    const selector = labelSelectorAsSelector(d.spec?.selector);
    if (!selector) throw new SyncError(`deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector`);
    const candidates = [...this.#replicaSets.ownedBy(d.metadata.uid), ...this.#replicaSets.orphansIn(d.metadata.namespace)];
    const r = claimObjects({ api: this.#api, owner: d, selector }, candidates);
    if (r.errors.length) throw new SyncError(r.errors[0]);
    // The claimed objects may be copies returned by the adoption patch; read the cache's current ones.
    return r.claimed.map((rs) => this.#replicaSets.get(rs.metadata.namespace, rs.metadata.name) ?? rs);
  }
}
