// TEST HELPERS ONLY. A simulation with just the CronJob controller, CronJob manifests, and stand-ins for what
// the Job controller would write to a Job's status (start, Complete, Failed), so that tests observe only
// what the CronJob controller does.
import type { EventObject } from '../../../../src/engine/api/kinds.ts';
import { rfc3339 } from '../../../../src/engine/clock/time-format.ts';
import { CronJobController } from '../../../../src/engine/controllers/cronjob/cronjob-controller.ts';
import type { CronJob, Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import type { Controller } from '../../../../src/engine/controllers/runtime.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';

/** 2026-01-01T00:00:00Z, the simulation's default start. */
export const T0 = Date.UTC(2026, 0, 1);
export const MINUTE = 60_000;
/** The Unix minute of T0: Job names are `<cronjob>-<minutes>` (§5.9). */
export const T0_MINUTES = 29453760;

export function newSim(opts: { startMs?: number; controllers?: Controller[] } = {}): Simulation {
  return new Simulation({ startMs: opts.startMs ?? T0, controllers: [new CronJobController(), ...(opts.controllers ?? [])] });
}

export interface CronJobOptions {
  name?: string;
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  templateLabels?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
}

export function cronJobManifest(o: CronJobOptions = {}): Record<string, unknown> {
  const spec: Record<string, unknown> = { schedule: o.schedule ?? '*/1 * * * *' };
  for (const k of ['timeZone', 'concurrencyPolicy', 'suspend', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    if (o[k] !== undefined) spec[k] = o[k];
  }
  const meta: Record<string, unknown> = {};
  if (o.templateLabels) meta.labels = o.templateLabels;
  if (o.templateAnnotations) meta.annotations = o.templateAnnotations;
  spec.jobTemplate = {
    ...(Object.keys(meta).length ? { metadata: meta } : {}),
    spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', 'date; echo Hello'] }], restartPolicy: 'OnFailure' } } },
  };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: o.name ?? 'hello' }, spec };
}

/** kubectl apply of a CronJob; throws on an admission error. */
export function applyCronJob(sim: Simulation, o: CronJobOptions = {}): CronJob {
  const r = sim.apply(cronJobManifest(o));
  if (r.error) throw new Error(r.error.message);
  return r.object as CronJob;
}

export function getCronJob(sim: Simulation, name = 'hello'): CronJob {
  const cj = sim.api.get<CronJob>('CronJob', 'default', name);
  if (!cj) throw new Error(`no CronJob ${name}`);
  return cj;
}

export function jobNames(sim: Simulation): string[] {
  return sim.api.list<Job>('Job').map((j) => j.metadata.name);
}

export function jobName(minutesAfterT0: number, cronJob = 'hello'): string {
  return `${cronJob}-${T0_MINUTES + minutesAfterT0}`;
}

export interface SeenEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  component: string;
}

/** Events recorded against an object, oldest first. */
export function eventsFor(sim: Simulation, name = 'hello', reason?: string): SeenEvent[] {
  return sim.api
    .list<EventObject>('Event')
    .filter((e) => e.involvedObject.name === name && (reason === undefined || e.reason === reason))
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, component: e.source.component }));
}

/** What the Job controller writes when a Job's first pod starts. */
export function startJob(sim: Simulation, name: string): void {
  const r = sim.api.patch<Job>('Job', 'default', name, (j) => {
    j.status = { ...(j.status ?? {}), startTime: rfc3339(sim.now()), active: 1 };
  }, 'status');
  if (!r.ok) throw new Error(r.error.message);
}

/** What the Job controller writes when a Job finishes (§4.8): the terminal condition, counts and times. */
export function finishJob(sim: Simulation, name: string, outcome: 'Complete' | 'Failed'): void {
  const now = rfc3339(sim.now());
  const r = sim.api.patch<Job>('Job', 'default', name, (j) => {
    const startTime = j.status?.startTime ?? now;
    j.status =
      outcome === 'Complete'
        ? {
            conditions: [
              { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
              { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
            ],
            startTime,
            completionTime: now,
            succeeded: 1,
          }
        : {
            conditions: [
              { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
              { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
            ],
            startTime,
            failed: 1,
          };
  }, 'status');
  if (!r.ok) throw new Error(r.error.message);
}

/**
 * A stand-in for the Job controller: every new Job starts at once and finishes `runMs` later with `outcome`
 * (a function may pick per Job). Counts the Jobs it saw created.
 */
export function jobRunner(runMs: number, outcome: 'Complete' | 'Failed' | ((job: Job) => 'Complete' | 'Failed') = 'Complete'): Controller & { created: number } {
  const runner = {
    name: 'test-job-runner',
    created: 0,
    start(ctx: { api: Simulation['api']; clock: Simulation['clock'] }) {
      ctx.api.watch(['Job'], (e) => {
        if (e.type !== 'ADDED') return;
        runner.created++;
        const job = e.object as Job;
        const started = rfc3339(ctx.clock.now());
        ctx.api.updateStatus<Job>({ ...job, status: { startTime: started, active: 1 } });
        ctx.clock.after(runMs, `test finish ${job.metadata.name}`, () => {
          const cur = ctx.api.get<Job>('Job', job.metadata.namespace, job.metadata.name);
          if (!cur || cur.metadata.uid !== job.metadata.uid) return;
          const result = typeof outcome === 'function' ? outcome(cur) : outcome;
          const now = rfc3339(ctx.clock.now());
          ctx.api.updateStatus<Job>({
            ...cur,
            status:
              result === 'Complete'
                ? { conditions: [{ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }], startTime: started, completionTime: now, succeeded: 1 }
                : { conditions: [{ type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now }], startTime: started, failed: 1 },
          });
        });
      });
    },
  };
  return runner;
}
