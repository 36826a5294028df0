// A `* * * * *` CronJob over 30 simulated days (the full year is in npm run bench) keeps the store bounded: the history limits (§5.6 step 2,
// defaults 3 successful / 1 failed, §5.1) delete old Jobs, so at any time at most 3 + 1 finished Jobs plus
// the running one exist, while not a single minute is missed. Counts only: the wall time is measured
// elsewhere (npm run bench).
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, getCronJob, jobName, jobRunner, MINUTE, newSim, T0 } from './cronjob-helpers.ts';

const DAY = 24 * 60 * MINUTE;
const DAYS = 30;

describe('a * * * * * CronJob for a month', () => {
  it('creates one Job per minute and never holds more Jobs than the history limits plus the running one', () => {
    // every 7th Job fails, so both limits are exercised; each runs 30 s
    const runner = jobRunner(30_000, (job) => (Number(job.metadata.name.slice(-4)) % 7 === 0 ? 'Failed' : 'Complete'));
    const sim = newSim({ controllers: [runner] });
    applyCronJob(sim, { schedule: '* * * * *' });
    let mostJobs = 0;
    let mostObjects = 0;
    sim.api.watch(['Job'], () => {
      mostJobs = Math.max(mostJobs, sim.api.count('Job'));
      mostObjects = Math.max(mostObjects, sim.api.count());
    });
    for (let day = 1; day <= DAYS; day++) sim.runUntil(T0 + day * DAY + 45_000);
    expect(runner.created).toBe(DAYS * 24 * 60);
    expect(mostJobs).toBeLessThanOrEqual(3 + 1 + 1);
    // Jobs, the CronJob, the default nodes and an hour of Events (--event-ttl): a few hundred objects
    expect(mostObjects).toBeLessThan(1000);
    const last = DAYS * 24 * 60;
    const jobs = sim.api.list<Job>('Job');
    expect(jobs.map((j) => j.metadata.name)).toContain(jobName(last));
    expect(getCronJob(sim).status!.lastScheduleTime).toBe(new Date(T0 + DAYS * DAY).toISOString().replace('.000Z', 'Z'));
    expect(sim.now()).toBe(T0 + DAYS * DAY + 45_000);
  }, 60_000);
});
