// How many pods a Job runs (reference §4.4): never more than parallelism, never more than the completions still
// missing, at every moment of the watch stream; a work-queue Job (no completions) starts nothing after its first
// success; parallelism is mutable and the excess is deleted.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import { applyJob, condition, getJob, jobCluster, jobEventLines, podsOf, record, simpleJob } from './helpers.ts';

/** Replays a pod watch stream; returns the most active pods and active + succeeded pods seen at any moment. */
function peaks(events: ReturnType<typeof record>, jobName: string): { active: number; activeOrSucceeded: number } {
  const state = new Map<string, 'active' | 'succeeded' | 'other'>();
  let active = 0;
  let activeOrSucceeded = 0;
  for (const e of events) {
    const pod = e.object as Pod;
    if (pod.metadata.labels?.['batch.kubernetes.io/job-name'] !== jobName) continue;
    const phase = pod.status?.phase;
    const s = e.type === 'DELETED' ? 'other' : phase === 'Succeeded' ? 'succeeded' : phase !== 'Failed' && !pod.metadata.deletionTimestamp ? 'active' : 'other';
    state.set(pod.metadata.uid, s);
    const values = [...state.values()];
    active = Math.max(active, values.filter((v) => v === 'active').length);
    activeOrSucceeded = Math.max(activeOrSucceeded, values.filter((v) => v !== 'other').length);
  }
  return { active, activeOrSucceeded };
}

describe('pods a Job runs (§4.4)', () => {
  it('completions 7, parallelism 3: at most 3 at once, never more than the completions left', () => {
    const sim = jobCluster();
    const stream = record(sim, ['Pod']);
    applyJob(sim, simpleJob('batch', { completions: 7, parallelism: 3 }, { annotations: { 'sim.workload-lab.dev/duration': '20s' } }));
    sim.runUntilIdle();
    const job = getJob(sim, 'batch')!;
    expect(job.status).toMatchObject({ succeeded: 7 });
    expect(condition(job, 'Complete')?.status).toBe('True');
    expect(podsOf(sim, 'batch')).toHaveLength(7);
    expect(peaks(stream, 'batch')).toEqual({ active: 3, activeOrSucceeded: 7 });
    expect(jobEventLines(sim, 'batch').filter((l) => l.includes('SuccessfulCreate'))).toHaveLength(7);
  });

  it('starts min(completions, parallelism) pods in its first sync', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('wide', { completions: 3, parallelism: 10 }, { annotations: { 'sim.workload-lab.dev/duration': '20s' } }));
    sim.runFor(1_000);
    expect(podsOf(sim, 'wide')).toHaveLength(3);
    expect(getJob(sim, 'wide')!.status).toMatchObject({ active: 3 });
  });

  it('a work-queue Job (completions unset) starts no pod after the first success', () => {
    const sim = jobCluster();
    // fail-attempts counts across all pods of a non-indexed Job: two of the three first runs fail.
    applyJob(sim, simpleJob('queue', { parallelism: 3 }, { annotations: { 'sim.workload-lab.dev/duration': '30s', 'sim.workload-lab.dev/fail-attempts': '2' } }));
    sim.runUntilIdle();
    const job = getJob(sim, 'queue')!;
    expect(podsOf(sim, 'queue')).toHaveLength(3);
    expect(job.status).toMatchObject({ succeeded: 1, failed: 2 });
    expect(condition(job, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
  });

  it('lowering parallelism deletes the excess pods (SuccessfulDelete)', () => {
    const sim = jobCluster();
    const manifest = simpleJob('scale', { completions: 6, parallelism: 4 }, { command: ['sleep', '600'] });
    applyJob(sim, manifest);
    sim.runFor(30_000);
    expect(getJob(sim, 'scale')!.status).toMatchObject({ active: 4 });
    (manifest.spec as Record<string, unknown>).parallelism = 1;
    applyJob(sim, manifest);
    sim.runFor(5_000);
    const deleted = jobEventLines(sim, 'scale').filter((l) => l.startsWith('Normal SuccessfulDelete: Deleted pod: scale-'));
    expect(deleted).toHaveLength(3);
    expect(getJob(sim, 'scale')!.status).toMatchObject({ active: 1 });
    // Deleted for scale-down: their finalizer is removed first, so they are not counted as failures.
    expect(getJob(sim, 'scale')!.status!.failed).toBeUndefined();
  });
});
