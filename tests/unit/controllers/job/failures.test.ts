// Failures (reference §4.6, §4.7, §4.8): backoffLimit with restartPolicy Never (pods counted) and OnFailure
// (container restarts counted), the pod re-creation back-off, and activeDeadlineSeconds.
import { describe, expect, it } from 'vitest';
import { applyJob, condition, finishedAt, getJob, jobCluster, jobEventLines, ms, podsOf, record, simpleJob } from './helpers.ts';
import type { Job } from '../../../../src/engine/controllers/job/job-types.ts';

const ALWAYS_FAILS = { 'sim.workload-lab.dev/exit-code': '1', 'sim.workload-lab.dev/duration': '2s' };
const BACKOFF_LIMIT = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', status: 'True' };

describe('restartPolicy Never and backoffLimit (§4.6)', () => {
  it('with the default backoffLimit 6 the Job fails on the 7th failed pod', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('failing', {}, { annotations: ALWAYS_FAILS }));
    sim.runUntilIdle();
    const job = getJob(sim, 'failing')!;
    const pods = podsOf(sim, 'failing');
    expect(pods).toHaveLength(7);
    expect(pods.every((p) => p.status!.phase === 'Failed' && p.metadata.finalizers === undefined)).toBe(true);
    expect(job.status).toMatchObject({ failed: 7, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    expect(job.status!.succeeded).toBeUndefined();
    expect(job.status!.completionTime).toBeUndefined(); // §4.8: only for success
    // §4.8: FailureTarget, then Failed, same reason and message.
    expect(job.status!.conditions!.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(condition(job, 'FailureTarget')).toMatchObject(BACKOFF_LIMIT);
    expect(condition(job, 'Failed')).toMatchObject(BACKOFF_LIMIT);
    // Failed when the 7th pod's failure was counted, not before.
    expect(ms(condition(job, 'FailureTarget')!.lastTransitionTime)).toBeGreaterThanOrEqual(finishedAt(pods[6]!));
    const lines = jobEventLines(sim, 'failing');
    expect(lines.filter((l) => l.startsWith('Normal SuccessfulCreate: Created pod: failing-'))).toHaveLength(7);
    expect(lines[lines.length - 1]).toBe('Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('re-creates failed pods after 10 s, 20 s, 40 s … from the last failure (§4.6)', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('backoff', {}, { annotations: ALWAYS_FAILS }));
    sim.runUntilIdle();
    const pods = podsOf(sim, 'backoff');
    const delays = pods.slice(1).map((p, i) => (ms(p.metadata.creationTimestamp) - finishedAt(pods[i]!)) / 1000);
    expect(delays).toEqual([10, 20, 40, 80, 160, 320]);
  });

  it('caps the back-off at 10 minutes (MaxJobPodFailureBackOff, §4.6)', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('capped', { backoffLimit: 8 }, { annotations: ALWAYS_FAILS }));
    sim.runUntilIdle(24 * 3600_000);
    const pods = podsOf(sim, 'capped');
    const delays = pods.slice(1).map((p, i) => (ms(p.metadata.creationTimestamp) - finishedAt(pods[i]!)) / 1000);
    expect(delays).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
    expect(getJob(sim, 'capped')!.status).toMatchObject({ failed: 9 });
  });

  it('a success resets the back-off (§4.6)', () => {
    const sim = jobCluster();
    // Runs are counted across the Job's pods: the first two fail, the rest succeed.
    applyJob(sim, simpleJob('recovers', { completions: 2 }, { annotations: { 'sim.workload-lab.dev/fail-attempts': '2', 'sim.workload-lab.dev/duration': '2s' } }));
    sim.runUntilIdle();
    const pods = podsOf(sim, 'recovers');
    expect(pods.map((p) => p.status!.phase)).toEqual(['Failed', 'Failed', 'Succeeded', 'Succeeded']);
    const delays = pods.slice(1).map((p, i) => ms(p.metadata.creationTimestamp) - finishedAt(pods[i]!));
    expect(delays.slice(0, 2)).toEqual([10_000, 20_000]);
    expect(delays[2]).toBeLessThan(10_000); // after the success: no back-off
    expect(getJob(sim, 'recovers')!.status).toMatchObject({ succeeded: 2, failed: 2 });
    expect(condition(getJob(sim, 'recovers'), 'Complete')?.status).toBe('True');
  });
});

describe('restartPolicy OnFailure (§4.6)', () => {
  it('counts container restarts: fails when their sum reaches backoffLimit, deleting the pod', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('crashing', { backoffLimit: 2 }, { restartPolicy: 'OnFailure', annotations: ALWAYS_FAILS }));
    const stream = record(sim, ['Pod', 'Job']);
    sim.runUntilIdle();
    const job = getJob(sim, 'crashing')!;
    // Pods do not fail: the kubelet restarts the container in place, so only one pod was ever created.
    const podNames = new Set(stream.filter((e) => e.object.kind === 'Pod').map((e) => e.object.metadata.name));
    expect(podNames.size).toBe(1);
    // The restart count reached the limit while the pod was Running.
    const target = stream.find((e) => e.object.kind === 'Job' && condition(e.object as Job, 'FailureTarget'))!;
    const podBefore = stream.filter((e) => e.object.kind === 'Pod' && e.time <= target.time).pop()!.object as { status?: { containerStatuses?: { restartCount: number }[] } };
    expect(podBefore.status!.containerStatuses![0]!.restartCount).toBe(2);
    expect(condition(job, 'FailureTarget')).toMatchObject(BACKOFF_LIMIT);
    expect(condition(job, 'Failed')).toMatchObject(BACKOFF_LIMIT);
    // §4.8: remaining pods are deleted; a Job that is failing counts them as failed.
    expect(job.status).toMatchObject({ failed: 1, terminating: 0 });
    expect(jobEventLines(sim, 'crashing')).toEqual([
      `Normal SuccessfulCreate: Created pod: ${[...podNames][0]}`,
      `Normal SuccessfulDelete: Deleted pod: ${[...podNames][0]}`,
      'Warning BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
  });

  it('backoffLimit 0 fails at the first restart (§4.6)', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('strict', { backoffLimit: 0 }, { restartPolicy: 'OnFailure', annotations: ALWAYS_FAILS }));
    sim.runUntilIdle();
    expect(condition(getJob(sim, 'strict'), 'Failed')).toMatchObject(BACKOFF_LIMIT);
  });
});

describe('activeDeadlineSeconds (§4.7)', () => {
  it('fails the Job when the deadline passes, deleting its active pods', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('slow', { activeDeadlineSeconds: 30 }, { command: ['sleep', '3600'] }));
    const stream = record(sim, ['Job']);
    sim.runUntilIdle();
    const job = getJob(sim, 'slow')!;
    const deadline = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', status: 'True' };
    expect(condition(job, 'FailureTarget')).toMatchObject(deadline);
    expect(condition(job, 'Failed')).toMatchObject(deadline);
    // Exactly startTime + 30 s (the controller re-queues itself for the deadline).
    expect(ms(condition(job, 'FailureTarget')!.lastTransitionTime)).toBe(ms(job.status!.startTime) + 30_000);
    // §4.8: Failed only once the deleted pod is gone (sleep ignores SIGTERM: 30 s grace); meanwhile terminating: 1.
    const interim = stream.map((e) => (e.object as Job).status!).find((s) => s.conditions?.some((c) => c.type === 'FailureTarget') && !s.conditions.some((c) => c.type === 'Failed'));
    expect(interim).toMatchObject({ terminating: 1 });
    expect(ms(condition(job, 'Failed')!.lastTransitionTime) - ms(condition(job, 'FailureTarget')!.lastTransitionTime)).toBeGreaterThanOrEqual(30_000);
    expect(job.status).toMatchObject({ failed: 1, terminating: 0 });
    expect(podsOf(sim, 'slow')).toHaveLength(0);
    const lines = jobEventLines(sim, 'slow');
    expect(lines[1]).toMatch(/^Normal SuccessfulDelete: Deleted pod: slow-/);
    expect(lines[2]).toBe('Warning DeadlineExceeded: Job was active longer than specified deadline');
  });
});
