// The Job controller (kube-controller-manager's `job-controller`, reference §4; pkg/controller/job): one
// reconcile per Job key (sync-job.ts). Job creations and spec changes sync at once; pod events and status
// updates are batched (a sync 1 s later); back-off and deadlines re-queue the key. Pods are counted per Job as
// they change (job-pods.ts). Pods whose Job is gone or finished lose their tracking finalizer through the
// orphan queue, so that nothing keeps them from disappearing (§6).
import type { ApiServer, WatchEvent } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Pod } from '../../api/kinds.ts';
import { controllerOf, deepEqual, type OwnerReference } from '../../api/objects.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { selectorIsEmpty, selectorMatches } from '../../validate/rules/meta.ts';
import { compiledSelector } from '../../api/selectors.ts';
import { Expectations } from '../replicaset/expectations.ts';
import { ObjectCache } from '../replicaset/object-cache.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../runtime.ts';
import { BackoffStore } from './backoff.ts';
import { claimPods } from './claim-pods.ts';
import { isJobFinished } from './conditions.ts';
import { JobPodFactory } from './job-pod-template.ts';
import { JobPods, hasTrackingFinalizer } from './job-pods.ts';
import {
  DEFAULT_API_BACKOFF_MS, JOB_CONTROLLER, JOB_CONTROLLER_MANAGED_BY, JOB_TRACKING_FINALIZER, MAX_API_BACKOFF_MS, SYNC_JOB_BATCH_PERIOD_MS, type Job,
} from './job-types.ts';
import { JobPodControl } from './pod-control.ts';
import type { JobSyncDeps } from './sync-context.ts';
import { syncJob } from './sync-job.ts';

export { JOB_CONTROLLER } from './job-types.ts';

function keyOf(o: { metadata: { namespace?: string; name: string } }): string {
  return namespacedKey(o.metadata.namespace, o.metadata.name);
}

/** managedByExternalController: a Job whose spec.managedBy names another controller is not synced here. */
function managedElsewhere(job: Job): boolean {
  const m = job.spec?.managedBy;
  return m !== undefined && m !== null && m !== JOB_CONTROLLER_MANAGED_BY;
}

export class JobController implements Controller {
  readonly name = JOB_CONTROLLER;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #events!: EventRecorder;
  #queue!: WorkQueue;
  #orphanQueue!: WorkQueue;
  #expectations!: Expectations;
  #deps!: JobSyncDeps;
  #backoff = new BackoffStore();
  #jobs = new ObjectCache<Job>();
  // The pod informer's store: every pod by key (for the previous version of an update), the pods without a
  // controller per namespace (adoption candidates), and the pods of each Job with their counts (#owned).
  #pods = new Map<string, Pod>();
  #orphans = new Map<string, Map<string, Pod>>();
  #owned = new JobPods();
  #failures = new Map<string, number>();
  /** Pod factories by Job UID, rebuilt when the Job's generation changes. */
  #factories = new Map<string, { generation: number; factory: JobPodFactory }>();

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#events = ctx.events;
    this.#expectations = new Expectations(() => ctx.clock.now());
    this.#queue = new WorkQueue(ctx.clock, 'job-sync', LATENCY.controllerSync, (key) => this.#sync(key));
    this.#orphanQueue = new WorkQueue(ctx.clock, 'job-orphan-pod', LATENCY.controllerSync, (key) => this.#syncOrphanPod(key));
    this.#deps = {
      api: ctx.api,
      events: ctx.events,
      podControl: new JobPodControl(ctx.api, ctx.events),
      expectations: this.#expectations,
      backoff: this.#backoff,
      podFactory: (job) => this.#podFactory(job),
      now: () => ctx.clock.now(),
      requeueAfter: (key, ms) => this.#queue.addAfter(key, ms),
    };
    for (const job of ctx.api.list<Job>('Job')) this.#jobs.add(job);
    for (const pod of ctx.api.list<Pod>('Pod')) this.#storePod(undefined, pod);
    ctx.api.watch(['Job'], (e) => this.#onJob(e));
    ctx.api.watch(['Pod'], (e) => this.#onPod(e));
    for (const job of this.#jobs.all()) this.#enqueueImmediately(job);
  }

  #podFactory(job: Job): JobPodFactory {
    const generation = job.metadata.generation ?? 0;
    const cached = this.#factories.get(job.metadata.uid);
    if (cached && cached.generation === generation) return cached.factory;
    const factory = new JobPodFactory(job);
    this.#factories.set(job.metadata.uid, { generation, factory });
    return factory;
  }

  // ---- queueing --------------------------------------------------------------------------------------------

  #enqueueImmediately(job: Job): void {
    this.#queue.add(keyOf(job));
  }

  /** enqueueSyncJobBatched: pod events and status updates. */
  #enqueueBatched(job: Job): void {
    this.#queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  #enqueueOrphanPod(pod: Pod): void {
    this.#orphanQueue.add(keyOf(pod));
  }

  // ---- Job events (addJob / updateJob / deleteJob) ---------------------------------------------------------

  #onJob(e: WatchEvent): void {
    const { old, cur } = this.#jobs.apply(e);
    if (e.type === 'DELETED' || !cur) {
      const gone = old ?? (e.object as Job);
      this.#queue.add(keyOf(gone));
      this.#cleanupPodFinalizers(gone);
      this.#owned.forget(gone.metadata.uid);
      this.#factories.delete(gone.metadata.uid);
      return;
    }
    if (!old || old.metadata.uid !== cur.metadata.uid) {
      if (old) {
        this.#cleanupPodFinalizers(old);
        this.#owned.forget(old.metadata.uid);
        this.#factories.delete(old.metadata.uid);
        this.#expectations.delete(keyOf(cur));
      }
      this.#enqueueImmediately(cur);
      return;
    }
    // A spec change syncs at once; a status-only update is batched like pod events.
    if (cur.metadata.generation === old.metadata.generation) this.#enqueueBatched(cur);
    else this.#enqueueImmediately(cur);
    // Backup: a finished Job must not keep finalizers on its pods.
    if (isJobFinished(cur)) this.#cleanupPodFinalizers(cur);
    const start = timeMs(cur.status?.startTime);
    const ads = cur.spec?.activeDeadlineSeconds;
    if (start !== undefined && ads !== undefined && ads !== null && ads !== old.spec?.activeDeadlineSeconds) {
      this.#queue.addAfter(keyOf(cur), ads * 1000 - (this.#clock.now() - start));
    }
  }

  /** cleanupPodFinalizers: the Job's pods that still carry the finalizer go to the orphan queue. */
  #cleanupPodFinalizers(job: Job): void {
    const g = this.#owned.existing(job.metadata.uid);
    if (!g) return;
    for (const { info } of g.members.values()) if (info.finalizer) this.#enqueueOrphanPod(info.pod);
  }

  // ---- Pod events (addPod / updatePod / deletePod) ---------------------------------------------------------

  #resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Job | undefined {
    if (ref.kind !== 'Job') return undefined;
    const job = this.#jobs.get(namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  /** GetPodJobs: Jobs in the pod's namespace whose selector matches its labels. */
  #jobsSelecting(pod: Pod): Job[] {
    const out: Job[] = [];
    for (const job of this.#jobs.inNamespace(pod.metadata.namespace)) {
      const sel = compiledSelector(job.spec?.selector);
      if (sel && !selectorIsEmpty(sel) && selectorMatches(sel, pod.metadata.labels ?? {})) out.push(job);
    }
    return out;
  }

  /** Keeps the pod store and its indexes; returns the previous version. */
  #storePod(type: string | undefined, pod: Pod, eventKey?: string): Pod | undefined {
    const key = eventKey ?? keyOf(pod);
    const old = this.#pods.get(key);
    const cur = type === 'DELETED' ? undefined : pod;
    if (cur) this.#pods.set(key, cur);
    else this.#pods.delete(key);
    if (old && !controllerOf(old)) this.#orphans.get(old.metadata.namespace ?? '')?.delete(key);
    if (cur && !controllerOf(cur)) {
      const ns = cur.metadata.namespace ?? '';
      let m = this.#orphans.get(ns);
      if (!m) this.#orphans.set(ns, (m = new Map()));
      m.set(key, cur);
    }
    this.#owned.update(old, cur, key);
    return old;
  }

  #onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const old = this.#storePod(e.type, pod, e.key);
    if (e.type === 'DELETED') return this.#deletePod(old ?? pod);
    if (!old) return this.#addPod(pod);
    this.#updatePod(old, pod);
  }

  #addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) return this.#deletePod(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const job = this.#resolveControllerRef(pod.metadata.namespace, ref);
      if (!job) return;
      this.#expectations.creationObserved(keyOf(job));
      this.#enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.#enqueueOrphanPod(pod);
    for (const job of this.#jobsSelecting(pod)) this.#enqueueBatched(job);
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    // A graceful deletion counts at once: the Job must not wait for the kubelet to replace the pod.
    if (cur.metadata.deletionTimestamp !== undefined) return this.#deletePod(cur);
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const job = this.#resolveControllerRef(old.metadata.namespace, oldRef);
      if (job) this.#enqueueBatched(job);
    }
    if (curRef) {
      const job = this.#resolveControllerRef(cur.metadata.namespace, curRef);
      if (job) this.#enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(cur)) this.#enqueueOrphanPod(cur);
    const labelsChanged = !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {});
    if (labelsChanged || refChanged) for (const job of this.#jobsSelecting(cur)) this.#enqueueBatched(job);
  }

  #deletePod(pod: Pod): void {
    const ref = controllerOf(pod);
    const finalizer = hasTrackingFinalizer(pod);
    if (!ref) {
      // The pod may have belonged to a Job and lost its reference to the garbage collector.
      if (finalizer) this.#enqueueOrphanPod(pod);
      return;
    }
    const job = this.#resolveControllerRef(pod.metadata.namespace, ref);
    if (!job || isJobFinished(job)) {
      if (finalizer) this.#enqueueOrphanPod(pod);
      return;
    }
    const key = keyOf(job);
    this.#expectations.deletionObserved(key, keyOf(pod));
    this.#enqueueBatched(job);
  }

  // ---- orphan pods -----------------------------------------------------------------------------------------

  /** syncOrphanPod: removes the tracking finalizer of a pod no unfinished Job owns. */
  #syncOrphanPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.#pods.get(key);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.#resolveControllerRef(pod.metadata.namespace, ref);
      if (job && managedElsewhere(job)) return;
      if (job && !isJobFinished(job)) return; // adopted meanwhile
    }
    this.#api.removeFinalizer('Pod', namespace, name, JOB_TRACKING_FINALIZER);
  }

  // ---- reconcile -------------------------------------------------------------------------------------------

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.#jobs.get(namespace, name);
    if (!job) {
      this.#expectations.delete(key);
      this.#backoff.remove(key);
      this.#failures.delete(key);
      return;
    }
    if (managedElsewhere(job)) return;
    if (isJobFinished(job)) {
      this.#backoff.remove(key);
      this.#failures.delete(key);
      this.#factories.delete(job.metadata.uid);
      return;
    }
    const mode = job.spec?.completionMode;
    if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.#events.record(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown', JOB_CONTROLLER);
      return;
    }
    // Expectations are read before the pods, as upstream does, so a pod arriving meanwhile cannot sneak in.
    const satisfied = this.#expectations.satisfied(key);
    const selector = compiledSelector(job.spec?.selector);
    if (!selector) return this.#retryLater(key);
    const group = this.#owned.group(job);
    const orphans = [...(this.#orphans.get(namespace)?.values() ?? [])];
    if (group.mismatched.size || orphans.length) {
      const errors = claimPods(this.#api, job, selector, [...group.mismatched.values()].map((p) => p.pod), orphans);
      if (errors.length) return this.#retryLater(key);
    }
    const current = this.#jobs.get(namespace, name) ?? job;
    const err = syncJob(this.#deps, key, current, group, satisfied);
    if (err) this.#retryLater(key);
    else this.#failures.delete(key);
  }

  /** A failed sync goes back to the queue with the Job API back-off: 1 s, 2 s, 4 s … 1 min. */
  #retryLater(key: string): void {
    const n = this.#failures.get(key) ?? 0;
    this.#failures.set(key, n + 1);
    this.#queue.addAfter(key, Math.min(DEFAULT_API_BACKOFF_MS * 2 ** n, MAX_API_BACKOFF_MS));
  }
}
