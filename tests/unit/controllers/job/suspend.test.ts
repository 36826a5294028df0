// Suspending and resuming a Job (reference §4.11, §4.7).
import { describe, expect, it } from 'vitest';
import { applyJob, condition, getJob, jobCluster, jobEventLines, ms, podsOf, simpleJob, T0 } from './helpers.ts';

describe('suspend (§4.11)', () => {
  it('a Job created suspended has no pods and no startTime, then starts when resumed', () => {
    const sim = jobCluster();
    const manifest = simpleJob('later', { suspend: true, completions: 2, parallelism: 2 }, { annotations: { 'sim.workload-lab.dev/duration': '10s' } });
    applyJob(sim, manifest);
    sim.runFor(60_000);
    let job = getJob(sim, 'later')!;
    expect(podsOf(sim, 'later')).toHaveLength(0);
    expect(job.status!.startTime).toBeUndefined();
    expect(condition(job, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(jobEventLines(sim, 'later')).toEqual(['Normal Suspended: Job suspended']);

    (manifest.spec as Record<string, unknown>).suspend = false;
    applyJob(sim, manifest);
    sim.runFor(2_000);
    job = getJob(sim, 'later')!;
    expect(podsOf(sim, 'later')).toHaveLength(2);
    expect(condition(job, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    // startTime is set when the Job resumes.
    expect(ms(job.status!.startTime)).toBe(T0 + 60_000);
    expect(jobEventLines(sim, 'later')).toContain('Normal Resumed: Job resumed');
    sim.runUntilIdle();
    expect(condition(getJob(sim, 'later'), 'Complete')?.status).toBe('True');
  });

  it('suspending a running Job deletes its pods without counting them as failed; resuming resets startTime', () => {
    const sim = jobCluster();
    const manifest = simpleJob('pausable', { completions: 3, parallelism: 3, activeDeadlineSeconds: 100 }, { command: ['sleep', '50'] });
    applyJob(sim, manifest);
    sim.runFor(20_000);
    const running = podsOf(sim, 'pausable');
    expect(running).toHaveLength(3);
    const startTime = getJob(sim, 'pausable')!.status!.startTime;

    (manifest.spec as Record<string, unknown>).suspend = true;
    applyJob(sim, manifest);
    sim.runFor(20_000);
    let job = getJob(sim, 'pausable')!;
    const deleted = jobEventLines(sim, 'pausable').filter((l) => l.startsWith('Normal SuccessfulDelete'));
    expect(deleted.sort()).toEqual(running.map((p) => `Normal SuccessfulDelete: Deleted pod: ${p.metadata.name}`).sort());
    expect(job.status!.failed).toBeUndefined();
    expect(job.status!.active).toBeUndefined();
    expect(condition(job, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended' });
    expect(job.status!.startTime).toBe(startTime); // kept while suspended in 1.35
    sim.runFor(20_000);

    (manifest.spec as Record<string, unknown>).suspend = false;
    applyJob(sim, manifest); // at 60 s, within the 100 s deadline counted from the first start
    sim.runFor(1_000);
    job = getJob(sim, 'pausable')!;
    expect(ms(job.status!.startTime)).toBe(T0 + 60_000);
    expect(condition(job, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(jobEventLines(sim, 'pausable').slice(-4)).toEqual([...running.map(() => expect.stringMatching(/^Normal SuccessfulCreate: Created pod: pausable-/)), 'Normal Resumed: Job resumed']);
    // The new pods run 50 s: they end more than 100 s after the first start, but the deadline now counts from the resume.
    sim.runUntilIdle();
    job = getJob(sim, 'pausable')!;
    expect(job.status).toMatchObject({ succeeded: 3 });
    expect(condition(job, 'Complete')?.status).toBe('True');
  });

  it('the deadline check runs before the resume resets startTime (syncJob order, startTime kept while suspended)', () => {
    // §4.11 says startTime is kept while suspended in 1.35 and reset on resume; syncJob checks
    // pastActiveDeadline before manageJob resumes the Job, so a Job resumed after activeDeadlineSeconds has
    // passed since its first start fails at once.
    const sim = jobCluster();
    const manifest = simpleJob('expired', { activeDeadlineSeconds: 30 }, { command: ['sleep', '600'] });
    applyJob(sim, manifest);
    sim.runFor(10_000);
    (manifest.spec as Record<string, unknown>).suspend = true;
    applyJob(sim, manifest);
    sim.runFor(50_000); // past the deadline: it does not tick while the Job is suspended (§4.11)
    expect(condition(getJob(sim, 'expired'), 'FailureTarget')).toBeUndefined();
    (manifest.spec as Record<string, unknown>).suspend = false;
    applyJob(sim, manifest);
    sim.runUntilIdle();
    const job = getJob(sim, 'expired')!;
    expect(condition(job, 'Failed')).toMatchObject({ reason: 'DeadlineExceeded' });
    expect(ms(condition(job, 'FailureTarget')!.lastTransitionTime)).toBe(T0 + 60_000);
  });
});
