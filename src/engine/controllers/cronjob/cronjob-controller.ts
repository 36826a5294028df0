// The CronJob controller (§5; pkg/controller/cronjob/cronjob_controllerv2.go): one reconcile per CronJob key.
// A sync cleans up finished Jobs beyond the history limits, reconciles status.active, creates the Job for the
// most recent unmet schedule time when due, writes status once, and asks to be woken 100 ms after the next
// schedule time — one pending task per CronJob on the virtual clock, never a tick per minute. Job changes
// wake the owning CronJob; a changed schedule or time zone re-aims the wake-up, other changes sync at once.
import type { ApiServer, WatchEvent } from '../../api/api-server.ts';
import { clone, controllerOf, deepEqual, type OwnerReference } from '../../api/objects.ts';
import type { VirtualClock } from '../../clock/virtual-clock.ts';
import { nextScheduleTimeDuration } from '../../cron/next-time.ts';
import { LATENCY } from '../../sim/latencies.ts';
import { ObjectCache } from '../replicaset/object-cache.ts';
import { WorkQueue, namespacedKey, splitKey, type Controller, type ControllerContext } from '../runtime.ts';
import { cleanupFinishedJobs } from './history.ts';
import { JobControl } from './job-control.ts';
import { JobIndex } from './job-index.ts';
import { formatSchedule, parseSchedule, scheduleState } from './schedule.ts';
import { syncCronJob } from './sync-cronjob.ts';
import { CRONJOB_CONTROLLER, type CronJob, type Job } from './types.ts';

export class CronJobController implements Controller {
  readonly name = CRONJOB_CONTROLLER;
  #api!: ApiServer;
  #clock!: VirtualClock;
  #control!: JobControl;
  #queue!: WorkQueue;
  #cronJobs = new ObjectCache<CronJob>();
  #jobs = new JobIndex();
  #failures = new Map<string, number>();

  start(ctx: ControllerContext): void {
    this.#api = ctx.api;
    this.#clock = ctx.clock;
    this.#control = new JobControl(ctx.api, ctx.events, ctx.random);
    this.#queue = new WorkQueue(ctx.clock, 'cronjob-sync', LATENCY.controllerSync, (key) => this.#sync(key));
    for (const cj of ctx.api.list<CronJob>('CronJob')) this.#cronJobs.add(cj);
    for (const job of ctx.api.list<Job>('Job')) this.#jobs.apply({ type: 'ADDED', time: 0, object: job });
    ctx.api.watch(['CronJob'], (e) => this.#onCronJob(e));
    ctx.api.watch(['Job'], (e) => this.#onJob(e));
    for (const cj of this.#cronJobs.all()) this.#enqueue(cj);
  }

  #enqueue(cj: CronJob): void {
    this.#queue.add(namespacedKey(cj.metadata.namespace, cj.metadata.name));
  }

  // ---- event handlers ----------------------------------------------------------------------------------

  #onCronJob(e: WatchEvent): void {
    const { old, cur } = this.#cronJobs.apply(e);
    if (old && cur && e.type === 'MODIFIED') return this.#updateCronJob(old, cur);
    this.#enqueue((cur ?? old)!);
  }

  /** updateCronJob: a new schedule or zone re-aims the wake-up at its next time; anything else syncs now. */
  #updateCronJob(old: CronJob, cur: CronJob): void {
    if (old.spec?.schedule !== cur.spec?.schedule || old.spec?.timeZone !== cur.spec?.timeZone) {
      const parsed = parseSchedule(formatSchedule(cur));
      if (!parsed.ok) {
        this.#control.record(cur, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cur.spec?.schedule ?? ''}`);
        return;
      }
      const key = namespacedKey(cur.metadata.namespace, cur.metadata.name);
      this.#queue.addAfter(key, nextScheduleTimeDuration(scheduleState(cur), this.#clock.now(), parsed.schedule));
      return;
    }
    this.#enqueue(cur);
  }

  #resolveControllerRef(namespace: string | undefined, ref: OwnerReference): CronJob | undefined {
    if (ref.kind !== 'CronJob') return undefined;
    const cj = this.#cronJobs.get(namespace, ref.name);
    return cj && cj.metadata.uid === ref.uid ? cj : undefined;
  }

  #enqueueOwner(job: Job, ref: OwnerReference | undefined): void {
    if (!ref) return;
    const cj = this.#resolveControllerRef(job.metadata.namespace, ref);
    if (cj) this.#enqueue(cj);
  }

  /** addJob / updateJob / deleteJob: wake the CronJob named by the Job's controller reference (old and new). */
  #onJob(e: WatchEvent): void {
    const { old, cur } = this.#jobs.apply(e);
    const job = (cur ?? old)!;
    const curRef = controllerOf(job);
    if (!cur || !old) return this.#enqueueOwner(job, curRef);
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const oldRef = controllerOf(old);
    if (oldRef && !deepEqual(oldRef, curRef)) this.#enqueueOwner(old, oldRef);
    this.#enqueueOwner(cur, curRef);
  }

  // ---- reconcile ----------------------------------------------------------------------------------------

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cached = this.#cronJobs.get(namespace, name);
    if (!cached) {
      this.#failures.delete(key);
      return;
    }
    // Every update of this sync goes to one copy, written once at the end. Only status is ever changed, so
    // metadata and spec stay shared with the cache (never modified).
    const cj: CronJob = { ...cached, status: clone(cached.status) ?? {} };
    const jobs = this.#jobs.controlledBy(namespace, name);
    const cleaned = cleanupFinishedJobs(cj, jobs, (job) => this.#control.deleteJob(cj, job));
    const outcome = syncCronJob(this.#control, cj, jobs, this.#clock.now());

    if (cleaned || outcome.updateStatus) {
      // cj.status is this sync's own copy, not used after the write: the store may keep it.
      const written = this.#api.updateStatus(cj, { handOver: true });
      if (!written.ok) return this.#retryLater(key);
    }
    if (outcome.requeueAfterMs !== null) {
      this.#failures.delete(key);
      this.#queue.addAfter(key, outcome.requeueAfterMs);
    } else if (outcome.error !== null) {
      this.#retryLater(key);
    } else {
      this.#failures.delete(key);
    }
  }

  /** A failed sync is retried with the work queue's per-item exponential back-off (5 ms, 10 ms, 20 ms …). */
  #retryLater(key: string): void {
    const n = this.#failures.get(key) ?? 0;
    this.#failures.set(key, n + 1);
    this.#queue.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }
}
