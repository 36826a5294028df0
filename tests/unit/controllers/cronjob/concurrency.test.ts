// concurrencyPolicy with a Job that is still running at the next schedule time (reference §5.8).
// The Jobs' status is written here as the Job controller would (started at once, finished when the test says).
import { describe, expect, it } from 'vitest';
import { applyCronJob, eventsFor, finishJob, getCronJob, jobName, jobNames, MINUTE, newSim, startJob, T0 } from './cronjob-helpers.ts';

describe('concurrencyPolicy: Allow (the default)', () => {
  it('starts a Job every time, however many are still running', () => {
    const sim = newSim();
    applyCronJob(sim, {});
    sim.runUntil(T0 + MINUTE + 100);
    startJob(sim, jobName(1));
    sim.runUntil(T0 + 3 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(1), jobName(2), jobName(3)]);
    expect(getCronJob(sim).status!.active!.map((r) => r.name)).toEqual([jobName(1), jobName(2), jobName(3)]);
    expect(eventsFor(sim, 'hello', 'JobAlreadyActive')).toEqual([]);
  });
});

describe('concurrencyPolicy: Forbid', () => {
  const sim = newSim();
  applyCronJob(sim, { concurrencyPolicy: 'Forbid' });
  sim.runUntil(T0 + MINUTE + 100);
  startJob(sim, jobName(1));
  sim.runUntil(T0 + 3 * MINUTE + 100);

  it('skips the schedule times while the previous Job runs, with JobAlreadyActive', () => {
    expect(jobNames(sim)).toEqual([jobName(1)]);
    expect(eventsFor(sim, 'hello', 'JobAlreadyActive')).toEqual([
      // the same event at 00:02 and 00:03, aggregated by the recorder
      { type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid', count: 2, component: 'cronjob-controller' },
    ]);
    // lastScheduleTime is not advanced by a skipped time
    expect(getCronJob(sim).status!.lastScheduleTime).toBe('2026-01-01T00:01:00Z');
  });

  it('when the Job ends, the most recent skipped time still runs (no deadline)', () => {
    sim.runUntil(T0 + 3 * MINUTE + 30_000);
    finishJob(sim, jobName(1), 'Complete');
    sim.runUntil(T0 + 3 * MINUTE + 31_000);
    expect(eventsFor(sim, 'hello', 'SawCompletedJob').map((e) => e.message)).toEqual([`Saw completed job: ${jobName(1)}, condition: Complete`]);
    // 00:03 is the most recent unmet time; 00:02 is skipped for good
    expect(jobNames(sim)).toEqual([jobName(1), jobName(3)]);
    const status = getCronJob(sim).status!;
    expect(status.active!.map((r) => r.name)).toEqual([jobName(3)]);
    expect(status.lastScheduleTime).toBe('2026-01-01T00:03:00Z');
    expect(sim.api.get('Job', 'default', jobName(3))!.metadata.creationTimestamp).toBe('2026-01-01T00:03:30Z');
  });

  it('a startingDeadlineSeconds shorter than the wait drops the skipped time instead', () => {
    const s = newSim();
    applyCronJob(s, { concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 20 });
    s.runUntil(T0 + MINUTE + 100);
    s.runUntil(T0 + 2 * MINUTE + 30_000);
    finishJob(s, jobName(1), 'Complete');
    s.runUntil(T0 + 2 * MINUTE + 59_000);
    expect(jobNames(s)).toEqual([jobName(1)]);
    s.runUntil(T0 + 3 * MINUTE + 100);
    expect(jobNames(s)).toEqual([jobName(1), jobName(3)]);
  });
});

describe('concurrencyPolicy: Replace', () => {
  const sim = newSim();
  applyCronJob(sim, { concurrencyPolicy: 'Replace' });
  sim.runUntil(T0 + MINUTE + 100);
  startJob(sim, jobName(1));
  const first = sim.api.get('Job', 'default', jobName(1))!;
  sim.runUntil(T0 + 2 * MINUTE + 100);

  it('deletes the running Job (SuccessfulDelete `Deleted job <name>`) and creates the new one', () => {
    expect(jobNames(sim)).toEqual([jobName(2)]);
    expect(eventsFor(sim, 'hello').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'SuccessfulCreate', `Created job ${jobName(1)}`],
      ['Normal', 'SuccessfulDelete', `Deleted job ${jobName(1)}`],
      ['Normal', 'SuccessfulCreate', `Created job ${jobName(2)}`],
    ]);
  });

  it('keeps only the new Job in status.active, with no MissingJob for the replaced one', () => {
    const active = getCronJob(sim).status!.active!;
    expect(active.map((r) => r.name)).toEqual([jobName(2)]);
    expect(active.some((r) => r.uid === first.metadata.uid)).toBe(false);
    expect(eventsFor(sim, 'hello', 'MissingJob')).toEqual([]);
  });

  it('does nothing special when the previous Job already finished', () => {
    finishJob(sim, jobName(2), 'Complete');
    sim.runUntil(T0 + 3 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(2), jobName(3)]);
    expect(eventsFor(sim, 'hello', 'SuccessfulDelete').map((e) => e.message)).toEqual([`Deleted job ${jobName(1)}`]);
  });
});
