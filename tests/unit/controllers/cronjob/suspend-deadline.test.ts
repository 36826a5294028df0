// suspend, missed schedules and startingDeadlineSeconds (reference §5.6 steps 4–7, §5.7).
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { applyCronJob, eventsFor, getCronJob, jobName, jobNames, MINUTE, newSim, T0, type CronJobOptions } from './cronjob-helpers.ts';

/** A CronJob suspended from creation, resumed at `resumeAt`. */
function suspendedThenResumed(o: CronJobOptions, resumeAt: number): Simulation {
  const sim = newSim();
  applyCronJob(sim, { ...o, suspend: true });
  sim.runUntil(resumeAt);
  applyCronJob(sim, { ...o, suspend: false });
  return sim;
}

describe('suspend', () => {
  it('creates no Jobs while suspended', () => {
    const sim = newSim();
    applyCronJob(sim, { suspend: true });
    sim.runUntil(T0 + 30 * MINUTE);
    expect(jobNames(sim)).toEqual([]);
    expect(eventsFor(sim, 'hello')).toEqual([]);
  });

  it('suspending stops further Jobs; running ones are left alone', () => {
    const sim = newSim();
    applyCronJob(sim, {});
    sim.runUntil(T0 + 2 * MINUTE + 100);
    applyCronJob(sim, { suspend: true });
    sim.runUntil(T0 + 10 * MINUTE);
    expect(jobNames(sim)).toEqual([jobName(1), jobName(2)]);
    expect(getCronJob(sim).status!.active).toHaveLength(2);
  });

  it('resuming without a deadline runs the most recent missed time at once, and only that one (§5.7)', () => {
    const sim = suspendedThenResumed({}, T0 + 10 * MINUTE + 30_000);
    sim.runUntil(T0 + 10 * MINUTE + 31_000);
    expect(jobNames(sim)).toEqual([jobName(10)]);
    expect(sim.api.get('Job', 'default', jobName(10))!.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:10:00Z');
    expect(getCronJob(sim).status!.lastScheduleTime).toBe('2026-01-01T00:10:00Z');
    // and then the schedule goes on
    sim.runUntil(T0 + 11 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(10), jobName(11)]);
    expect(eventsFor(sim, 'hello', 'TooManyMissedTimes')).toEqual([]);
  });

  it('more than 100 missed times: TooManyMissedTimes, and the most recent time still runs (§5.7)', () => {
    const sim = suspendedThenResumed({}, T0 + 180 * MINUTE + 30_000);
    sim.runUntil(T0 + 180 * MINUTE + 31_000);
    expect(jobNames(sim)).toEqual([jobName(180)]);
    expect(eventsFor(sim, 'hello', 'TooManyMissedTimes')).toEqual([
      { type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', count: 1, component: 'cronjob-controller' },
    ]);
  });
});

describe('startingDeadlineSeconds', () => {
  it('a missed time within the deadline still runs when resumed', () => {
    const sim = suspendedThenResumed({ startingDeadlineSeconds: 60 }, T0 + 10 * MINUTE + 30_000);
    sim.runUntil(T0 + 10 * MINUTE + 31_000);
    expect(jobNames(sim)).toEqual([jobName(10)]);
  });

  it('a missed time older than the deadline is skipped silently, and the next time runs (§5.6 step 6)', () => {
    const sim = suspendedThenResumed({ startingDeadlineSeconds: 20 }, T0 + 10 * MINUTE + 30_000);
    sim.runUntil(T0 + 10 * MINUTE + 59_000);
    expect(jobNames(sim)).toEqual([]);
    // the times before now − deadline are never considered, so there is no MissSchedule event
    expect(eventsFor(sim, 'hello', 'MissSchedule')).toEqual([]);
    sim.runUntil(T0 + 11 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(11)]);
  });

  it('a deadline keeps a long suspension from counting as too many missed times', () => {
    const sim = suspendedThenResumed({ startingDeadlineSeconds: 300 }, T0 + 180 * MINUTE + 30_000);
    sim.runUntil(T0 + 180 * MINUTE + 31_000);
    expect(jobNames(sim)).toEqual([jobName(180)]);
    expect(eventsFor(sim, 'hello', 'TooManyMissedTimes')).toEqual([]);
  });

  it('an hourly CronJob resumed 50 minutes late with a one-hour deadline runs the missed hour', () => {
    const sim = suspendedThenResumed({ schedule: '0 * * * *', startingDeadlineSeconds: 3600 }, T0 + 110 * MINUTE);
    sim.runUntil(T0 + 110 * MINUTE + 1000);
    expect(jobNames(sim)).toEqual([jobName(60)]);
  });
});
