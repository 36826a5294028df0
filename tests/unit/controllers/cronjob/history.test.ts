// Finished Jobs: SawCompletedJob, lastSuccessfulTime and the history limits (reference §5.6 steps 2–3, §5.10).
import { describe, expect, it } from 'vitest';
import { byJobStartTime, oldestBeyondLimit } from '../../../../src/engine/controllers/cronjob/history.ts';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, eventsFor, finishJob, getCronJob, jobName, jobNames, jobRunner, MINUTE, newSim, startJob, T0 } from './cronjob-helpers.ts';

describe('a finished Job (§5.6 step 3)', () => {
  const sim = newSim();
  applyCronJob(sim, { schedule: '0 * * * *' });
  sim.runUntil(T0 + 60 * MINUTE + 100);
  startJob(sim, jobName(60));
  sim.runUntil(T0 + 61 * MINUTE);
  finishJob(sim, jobName(60), 'Complete');
  sim.runUntil(T0 + 61 * MINUTE + 1000);

  it('leaves status.active with SawCompletedJob `Saw completed job: <name>, condition: Complete`', () => {
    expect(eventsFor(sim, 'hello', 'SawCompletedJob')).toEqual([
      { type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${jobName(60)}, condition: Complete`, count: 1, component: 'cronjob-controller' },
    ]);
    expect(getCronJob(sim).status!.active).toBeUndefined();
  });

  it('sets status.lastSuccessfulTime to its completionTime and keeps lastScheduleTime', () => {
    const status = getCronJob(sim).status!;
    expect(status.lastSuccessfulTime).toBe('2026-01-01T01:01:00Z');
    expect(status.lastScheduleTime).toBe('2026-01-01T01:00:00Z');
  });

  it('a failed Job leaves active with condition: Failed and does not touch lastSuccessfulTime', () => {
    sim.runUntil(T0 + 120 * MINUTE + 100);
    finishJob(sim, jobName(120), 'Failed');
    sim.runUntil(T0 + 121 * MINUTE);
    expect(eventsFor(sim, 'hello', 'SawCompletedJob').map((e) => e.message)).toEqual([
      `Saw completed job: ${jobName(60)}, condition: Complete`,
      `Saw completed job: ${jobName(120)}, condition: Failed`,
    ]);
    expect(getCronJob(sim).status!.lastSuccessfulTime).toBe('2026-01-01T01:01:00Z');
  });
});

describe('history limits (defaults: 3 successful, 1 failed)', () => {
  it('keeps the three newest successful Jobs and deletes older ones with SuccessfulDelete', () => {
    const runner = jobRunner(30_000);
    const sim = newSim({ controllers: [runner] });
    applyCronJob(sim, {});
    sim.runUntil(T0 + 10 * MINUTE + 40_000);
    expect(runner.created).toBe(10);
    expect(jobNames(sim)).toEqual([jobName(8), jobName(9), jobName(10)]);
    expect(eventsFor(sim, 'hello', 'SuccessfulDelete').map((e) => e.message)).toEqual([1, 2, 3, 4, 5, 6, 7].map((m) => `Deleted job ${jobName(m)}`));
    expect(getCronJob(sim).status!.lastSuccessfulTime).toBe('2026-01-01T00:10:30Z');
  });

  it('keeps one failed Job', () => {
    const sim = newSim({ controllers: [jobRunner(30_000, 'Failed')] });
    applyCronJob(sim, {});
    sim.runUntil(T0 + 5 * MINUTE + 40_000);
    expect(jobNames(sim)).toEqual([jobName(5)]);
    expect(getCronJob(sim).status!.lastSuccessfulTime).toBeUndefined();
  });

  it('counts successful and failed Jobs separately, with custom limits', () => {
    const sim = newSim({ controllers: [jobRunner(30_000, (job) => (job.metadata.name.endsWith('0') || job.metadata.name.endsWith('5') ? 'Failed' : 'Complete'))] });
    applyCronJob(sim, { successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 2 });
    sim.runUntil(T0 + 12 * MINUTE + 40_000);
    // minutes 1…12 → names ending 61…72: failed at 65 and 70; the newest success is 72
    expect(jobNames(sim)).toEqual([jobName(5), jobName(10), jobName(12)]);
  });

  it('a limit of 0 deletes every finished Job right away', () => {
    const sim = newSim({ controllers: [jobRunner(30_000)] });
    applyCronJob(sim, { successfulJobsHistoryLimit: 0 });
    sim.runUntil(T0 + 3 * MINUTE + 40_000);
    expect(jobNames(sim)).toEqual([]);
    expect(eventsFor(sim, 'hello', 'SuccessfulDelete')).toHaveLength(3);
    // deleted in the same sync that saw it finish: it is dropped from active without SawCompletedJob
    expect(eventsFor(sim, 'hello', 'SawCompletedJob')).toEqual([]);
    expect(getCronJob(sim).status!.lastSuccessfulTime).toBe('2026-01-01T00:03:30Z');
  });

  it('does not delete Jobs that are still running', () => {
    const sim = newSim();
    applyCronJob(sim, { successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 });
    sim.runUntil(T0 + 5 * MINUTE + 100);
    expect(jobNames(sim)).toHaveLength(5);
  });
});

describe('which finished Jobs are the oldest (byJobStartTime)', () => {
  const job = (name: string, startTime?: string): Job =>
    ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '' }, status: startTime ? { startTime } : {} }) as Job;

  it('orders by status.startTime, Jobs without one last, names breaking ties', () => {
    const jobs = [job('d'), job('c', '2026-01-01T00:03:00Z'), job('b', '2026-01-01T00:01:00Z'), job('a', '2026-01-01T00:03:00Z'), job('e')];
    expect([...jobs].sort(byJobStartTime).map((j) => j.metadata.name)).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('removes the oldest beyond the limit, not the lowest names', () => {
    const jobs = [job('x-3', '2026-01-01T00:01:00Z'), job('x-1', '2026-01-01T00:05:00Z'), job('x-2', '2026-01-01T00:03:00Z')];
    expect(oldestBeyondLimit(jobs, 1).map((j) => j.metadata.name)).toEqual(['x-3', 'x-2']);
    expect(oldestBeyondLimit(jobs, 3)).toEqual([]);
  });
});
