// spec.timeZone (reference §5.5, §5.9): the schedule is read in the zone; Job names stay Unix minutes; the
// scheduled-timestamp annotation is written in the zone.
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, getCronJob, MINUTE, newSim, T0, T0_MINUTES } from './cronjob-helpers.ts';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

function runs(sim: ReturnType<typeof newSim>): [string, string][] {
  return sim.api.list<Job>('Job').map((j) => [j.metadata.name, j.metadata.annotations![ANNOTATION]!]);
}

describe('timeZone', () => {
  it('without one, the schedule is in the controller-manager’s zone (UTC)', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 9 * * *' });
    sim.runUntil(T0 + DAY);
    expect(runs(sim)).toEqual([[`hello-${T0_MINUTES + 9 * 60}`, '2026-01-01T09:00:00Z']]);
  });

  it('America/New_York: 09:00 EST is 14:00 UTC; the name uses Unix minutes, the annotation the zone', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 9 * * *', timeZone: 'America/New_York' });
    sim.runUntil(T0 + DAY);
    expect(runs(sim)).toEqual([[`hello-${T0_MINUTES + 14 * 60}`, '2026-01-01T09:00:00-05:00']]);
    // lastScheduleTime is a metav1.Time: always UTC
    expect(getCronJob(sim).status!.lastScheduleTime).toBe('2026-01-01T14:00:00Z');
  });

  it('Asia/Kolkata (+05:30): midnight local is 18:30 UTC the day before', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 0 * * *', timeZone: 'Asia/Kolkata' });
    sim.runUntil(T0 + DAY);
    expect(runs(sim)).toEqual([[`hello-${T0_MINUTES + 18 * 60 + 30}`, '2026-01-02T00:00:00+05:30']]);
  });

  it('across the 2026 spring-forward in New York, 02:30 does not run on March 8', () => {
    const start = Date.UTC(2026, 2, 6);
    const sim = newSim({ startMs: start });
    applyCronJob(sim, { schedule: '30 2 * * *', timeZone: 'America/New_York' });
    sim.runUntil(start + 4 * DAY);
    expect(runs(sim).map(([, at]) => at)).toEqual(['2026-03-06T02:30:00-05:00', '2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00']);
  });

  it('across the 2026 fall-back in New York, 01:30 runs twice on November 1, an hour apart', () => {
    const start = Date.UTC(2026, 9, 31, 12);
    const sim = newSim({ startMs: start });
    applyCronJob(sim, { schedule: '30 1 * * *', timeZone: 'America/New_York' });
    sim.runUntil(start + DAY);
    const jobs = sim.api.list<Job>('Job');
    expect(jobs.map((j) => j.metadata.annotations![ANNOTATION])).toEqual(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']);
    expect(jobs.map((j) => j.metadata.creationTimestamp)).toEqual(['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']);
  });

  it('changing the zone re-aims the next run', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 9 * * *' });
    sim.runUntil(T0 + HOUR);
    applyCronJob(sim, { schedule: '0 9 * * *', timeZone: 'Europe/Berlin' });
    sim.runUntil(T0 + DAY);
    // 09:00 in Berlin (+01:00) is 08:00 UTC
    expect(runs(sim)).toEqual([[`hello-${T0_MINUTES + 8 * 60}`, '2026-01-01T09:00:00+01:00']]);
  });
});
