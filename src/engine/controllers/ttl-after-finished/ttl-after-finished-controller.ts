// The TTL-after-finished controller (kube-controller-manager's `ttl-after-finished-controller`, reference §4.12;
// pkg/controller/ttlafterfinished): a finished Job with spec.ttlSecondsAfterFinished is deleted that many seconds
// after the lastTransitionTime of its Complete or Failed condition, with Foreground propagation so its pods go
// first (the garbage collector removes them, then the Job). A Job whose time has not come is re-queued for it;
// before deleting, the Job is read again from the API server, as its TTL may have changed.
import type { ApiServer, WatchEvent } from '../../api/api-server.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { ObjectCache } from '../replicaset/object-cache.ts';
import { timeMs } from '../replicaset/pod-state.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../runtime.ts';
import type { Job } from '../job/job-types.ts';

export const TTL_AFTER_FINISHED_CONTROLLER = 'ttl-after-finished-controller';

/** needsCleanup: a TTL is set and the Job has finished (Complete or Failed is True). */
export function needsCleanup(job: Job): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && finishTime(job) !== undefined;
}

/** jobFinishTime: the lastTransitionTime of the first true Complete or Failed condition (ms). */
export function finishTime(job: Job): number | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c ? timeMs(c.lastTransitionTime) : undefined;
}

export class TtlAfterFinishedController implements Controller {
  readonly name = TTL_AFTER_FINISHED_CONTROLLER;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #queue!: WorkQueue;
  #jobs = new ObjectCache<Job>({ indexNamespaces: false });

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#queue = new WorkQueue(ctx.clock, 'ttl-jobs-to-delete', LATENCY.controllerSync, (key) => this.#processJob(key));
    for (const job of ctx.api.list<Job>('Job')) {
      this.#jobs.add(job);
      this.#consider(job);
    }
    ctx.api.watch(['Job'], (e) => this.#onJob(e));
  }

  #onJob(e: WatchEvent): void {
    const { cur } = this.#jobs.apply(e);
    if (cur) this.#consider(cur);
  }

  /** addJob / updateJob: only finished Jobs with a TTL that are not already being deleted. */
  #consider(job: Job): void {
    if (job.metadata.deletionTimestamp === undefined && needsCleanup(job)) this.#queue.add(namespacedKey(job.metadata.namespace, job.metadata.name));
  }

  /** processTTL: whether the TTL has expired; if not, the key comes back when it will have. */
  #expired(key: string, job: Job): boolean {
    if (job.metadata.deletionTimestamp !== undefined || !needsCleanup(job)) return false;
    const left = finishTime(job)! + job.spec!.ttlSecondsAfterFinished! * 1000 - this.#clock.now();
    if (left <= 0) return true;
    this.#queue.addAfter(key, left);
    return false;
  }

  #processJob(key: string): void {
    const { namespace, name } = splitKey(key);
    const cached = this.#jobs.get(namespace, name);
    if (!cached || !this.#expired(key, cached)) return;
    // The cached TTL may be stale: decide on the Job as the API server has it now.
    const fresh = this.#api.get<Job>('Job', namespace, name);
    if (!fresh || !this.#expired(key, fresh)) return;
    // Foreground, with the fresh Job's UID as precondition (a Job re-created meanwhile is checked again).
    this.#api.delete('Job', namespace, name, { propagationPolicy: 'Foreground' });
  }
}
