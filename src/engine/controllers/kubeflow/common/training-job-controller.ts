// The reconciler shared by the TFJob and PyTorchJob controllers (release-1.9 `TFJobReconciler` /
// `PyTorchJobReconciler` on top of common.JobController; reference §0). One reconcile per job key:
//  * triggers: the job created or updated (status writes included), an owned Pod, Service or PodGroup created,
//    updated or deleted; a failed pass is retried with controller-runtime's back-off (5 ms doubling to 1000 s);
//  * the create-event predicate (`onOwnerCreateFunc`) adds the Created condition to the cached job, so the first
//    status write carries it;
//  * jobs whose runPolicy.managedBy names another controller are skipped; the expectations may hold a pass back;
//  * the spec is defaulted in memory only (applyKubeflowDefaults), never written back;
//  * after the pass, a finished job with ttlSecondsAfterFinished is requeued for its expiry
//    (`DurationUntilExpireTime`). activeDeadlineSeconds is not requeued (upstream sends that to a no-op queue,
//    kubeflow/trainer#3358): the deadline is noticed at the next pass something else triggers.
//
// Gang scheduling (reference §2.4) follows the operator's `--gang-scheduler-name`: the `gangSchedulerName`
// option, or, for one job, the lab annotation `sim.workload-lab.dev/gang-scheduler-name` on the TFJob/PyTorchJob
// (real clusters ignore it; it stands in for the operator flag, which the stock deployment leaves unset). Any name
// selects the scheduler-plugins flavour (a PodGroup `scheduling.x-k8s.io/v1alpha1`, pods labelled
// `scheduling.x-k8s.io/pod-group` and given that schedulerName); the simulated cluster runs the coscheduling
// profile as `scheduler-plugins-scheduler` (node/gang.ts), so that is the name that gets pods placed. `volcano`
// is not simulated and leaves gang scheduling off.
import type { ApiServer, WatchEvent } from '../../../api/api-server.ts';
import type { EventRecorder } from '../../../api/events.ts';
import { controllerOf, type KubeObject, type OwnerReference } from '../../../api/objects.ts';
import { POD_GROUP_KIND } from '../../../api/pod-group.ts';
import type { VirtualClock } from '../../../clock/virtual-clock.ts';
import { applyKubeflowDefaults } from '../../../defaults/kubeflow/index.ts';
import { LATENCY } from '../../../sim/latencies.ts';
import { isObject, type JsonObject } from '../../../validate/kubeflow/kinds.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../../runtime.ts';
import { newReason, REASON, updateJobConditions, isFinished } from './conditions.ts';
import { expectationKey, TrainingExpectations } from './expectations.ts';
import type { ReconcileDeps, TrainingFramework } from './framework.ts';
import { ObjectControl } from './object-control.ts';
import { deletePodGroup } from './pod-group-sync.ts';
import { reconcileJobs } from './reconcile-jobs.ts';
import { readStatus } from './status-codec.ts';
import { KUBEFLOW_JOBS_CONTROLLER, REPLICA_TYPE_LABEL, type DefaultedJob, type ReplicaSpec, type RunPolicy, type TrainingJob } from './types.ts';

/** The lab annotation that turns gang scheduling on for one job (see the header). */
export const GANG_SCHEDULER_ANNOTATION = 'sim.workload-lab.dev/gang-scheduler-name';
/** The value of `--gang-scheduler-name` that selects Volcano (not simulated). */
export const VOLCANO = 'volcano';

export interface TrainingJobControllerOptions {
  /** The operator's `--gang-scheduler-name` (unset: no gang scheduling, as the stock deployment). */
  gangSchedulerName?: string;
}

/** controller-runtime's default per-item back-off: 5 ms doubling, capped at 1000 s. */
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1_000_000;

function keyOf(o: KubeObject): string {
  return namespacedKey(o.metadata.namespace, o.metadata.name);
}

export class TrainingJobController implements Controller {
  readonly name: string;
  #fw: TrainingFramework;
  #options: TrainingJobControllerOptions;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #events!: EventRecorder;
  #queue!: WorkQueue;
  #control!: ObjectControl;
  #expectations!: TrainingExpectations;
  /** Created conditions added by the create-event predicate, by job uid, until the cached job is replaced. */
  #created = new Map<string, number>();
  #failures = new Map<string, number>();

  constructor(fw: TrainingFramework, options: TrainingJobControllerOptions = {}) {
    this.#fw = fw;
    this.#options = options;
    this.name = fw.controllerName;
  }

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#events = ctx.events;
    this.#control = new ObjectControl(ctx.api, ctx.events, this.#fw.controllerName);
    this.#expectations = new TrainingExpectations(() => ctx.clock.now());
    this.#queue = new WorkQueue(ctx.clock, this.#fw.controllerName, LATENCY.controllerSync, (key) => this.#sync(key));
    // The informers' initial list arrives as create events.
    for (const job of ctx.api.list<TrainingJob>(this.#fw.kind.kind)) this.#onJobAdded(job);
    ctx.api.watch([this.#fw.kind.kind], (e) => this.#onJob(e));
    ctx.api.watch(['Pod', 'Service'], (e) => this.#onDependent(e));
    ctx.api.watch([POD_GROUP_KIND], (e) => this.#onPodGroup(e));
  }

  // ---- watches -------------------------------------------------------------------------------------------

  #onJobAdded(job: TrainingJob): void {
    this.#created.set(job.metadata.uid, this.#clock.now());
    this.#queue.add(keyOf(job));
  }

  #onJob(e: WatchEvent): void {
    const job = e.object as TrainingJob;
    if (e.type === 'ADDED') return this.#onJobAdded(job);
    if (e.type === 'DELETED') {
      this.#created.delete(job.metadata.uid);
      this.#expectations.forget(keyOf(job));
      this.#failures.delete(keyOf(job));
      // The garbage collector does not track PodGroups (not a listed kind here): its work is done here.
      const pg = this.#api.get(POD_GROUP_KIND, job.metadata.namespace, job.metadata.name);
      if (pg && controllerOf(pg)?.uid === job.metadata.uid) deletePodGroup(this.#api, job.metadata.namespace, job.metadata.name);
      return;
    }
    this.#created.delete(job.metadata.uid);
    this.#queue.add(keyOf(job));
  }

  /** The job a controller reference points to, if it is this controller's kind and still the same object. */
  #resolve(namespace: string | undefined, ref: OwnerReference | undefined): TrainingJob | undefined {
    if (!ref || ref.kind !== this.#fw.kind.kind) return undefined;
    const job = this.#api.get<TrainingJob>(this.#fw.kind.kind, namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  /** `OnDependentFuncs` for Pods and Services: expectations observed, owner enqueued. */
  #onDependent(e: WatchEvent): void {
    const o = e.object;
    const job = this.#resolve(o.metadata.namespace, controllerOf(o));
    if (!job) return;
    const resource = o.kind === 'Pod' ? 'pods' : 'services';
    const rt = o.metadata.labels?.[REPLICA_TYPE_LABEL];
    if (e.type === 'ADDED' && rt !== undefined) this.#expectations.creationObserved(expectationKey(keyOf(job), rt, resource));
    if (e.type === 'DELETED' && rt !== undefined) this.#expectations.deletionObserved(expectationKey(keyOf(job), rt, resource));
    if (e.type !== 'MODIFIED' && rt === undefined) return;
    this.#queue.add(keyOf(job));
  }

  #onPodGroup(e: WatchEvent): void {
    const pg = e.object;
    const job = this.#resolve(pg.metadata.namespace, controllerOf(pg));
    if (job) this.#queue.add(keyOf(job));
  }

  // ---- reconcile -----------------------------------------------------------------------------------------

  /** The gang scheduler this job runs with: the operator option, else the lab annotation; Volcano is not simulated. */
  #gangSchedulerFor(job: TrainingJob): string | null {
    const name = this.#options.gangSchedulerName ?? job.metadata.annotations?.[GANG_SCHEDULER_ANNOTATION]?.trim() ?? '';
    return name === '' || name === 'None' || name === VOLCANO ? null : name;
  }

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.#api.get<TrainingJob>(this.#fw.kind.kind, namespace, name);
    if (!job) {
      this.#expectations.forget(key);
      this.#failures.delete(key);
      return;
    }
    const managedBy = (isObject(job.spec?.runPolicy) ? job.spec.runPolicy.managedBy : undefined) as string | undefined | null;
    if (managedBy !== undefined && managedBy !== null && managedBy !== KUBEFLOW_JOBS_CONTROLLER) return;
    const specs = job.spec?.[this.#fw.kind.replicaSpecsField];
    const types = isObject(specs) ? Object.keys(specs) : [];
    if (!this.#expectations.satisfied(key, types) || job.metadata.deletionTimestamp !== undefined) return;

    const d = defaulted(job, this.#fw);
    const status = readStatus(job.status);
    const createdAt = this.#created.get(job.metadata.uid);
    if (createdAt !== undefined) {
      const kind = this.#fw.kind.kind;
      updateJobConditions(status, 'Created', 'True', newReason(kind, REASON.created), `${kind} ${name} is created.`, createdAt);
    }
    const deps: ReconcileDeps = {
      api: this.#api,
      events: this.#events,
      control: this.#control,
      expectations: this.#expectations,
      now: () => this.#clock.now(),
      gangSchedulerName: this.#gangSchedulerFor(job),
    };
    const result = reconcileJobs(deps, this.#fw, d, key, status);
    if (result.error) return this.#retry(key);
    this.#failures.delete(key);
    if (result.deleted) return;
    // DurationUntilExpireTime: a finished job with a TTL comes back when it expires (just after: Go's strict After).
    const ttl = d.runPolicy.ttlSecondsAfterFinished;
    if (typeof ttl === 'number' && isFinished(result.status) && result.status.completionTime) {
      const remaining = Date.parse(result.status.completionTime) + ttl * 1000 - this.#clock.now();
      if (remaining >= 0) this.#queue.addAfter(key, remaining + 1);
    }
  }

  #retry(key: string): void {
    const n = this.#failures.get(key) ?? 0;
    this.#failures.set(key, n + 1);
    this.#queue.addAfter(key, Math.min(RETRY_BASE_MS * 2 ** n, RETRY_MAX_MS));
  }
}

/** The job as the controller sees it after `Scheme.Default`: replica specs and runPolicy filled in memory. */
export function defaulted(job: TrainingJob, fw: TrainingFramework): DefaultedJob {
  const copy = applyKubeflowDefaults(job) as TrainingJob;
  const spec = (copy.spec ?? {}) as JsonObject;
  const specs = spec[fw.kind.replicaSpecsField];
  const replicas: Array<readonly [string, ReplicaSpec]> = [];
  if (isObject(specs)) {
    for (const [type, r] of Object.entries(specs)) if (isObject(r)) replicas.push([type, r as unknown as ReplicaSpec]);
  }
  const runPolicy = (isObject(spec.runPolicy) ? spec.runPolicy : {}) as RunPolicy;
  return { job, replicas, runPolicy, spec };
}
