// Indexed completion mode (reference §4.10): one succeeded pod per index, completedIndexes, the index on each
// pod; backoffLimitPerIndex with failedIndexes and maxFailedIndexes; the FailIndex action (§4.9).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import { applyJob, condition, corpusJob, getJob, jobCluster, jobEventLines, podsOf, withPodAnnotations } from './helpers.ts';

const INDEX = 'batch.kubernetes.io/job-completion-index';
const FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';

function byIndex(pods: Pod[]): Map<string, Pod[]> {
  const m = new Map<string, Pod[]>();
  for (const p of pods) {
    const ix = p.metadata.annotations![INDEX]!;
    m.set(ix, [...(m.get(ix) ?? []), p]);
  }
  return m;
}

describe('Indexed Jobs (§4.10)', () => {
  it('indexed-job.yaml: indexes 0-4 complete, one pod each, carrying its index', () => {
    const sim = jobCluster();
    applyJob(sim, corpusJob('indexed-job.yaml'));
    sim.runFor(5_000);
    // parallelism 3: the lowest pending indexes start first.
    expect(podsOf(sim, 'indexed-job').map((p) => p.metadata.annotations![INDEX]).sort()).toEqual(['0', '1', '2']);
    sim.runUntilIdle();
    const job = getJob(sim, 'indexed-job')!;
    expect(job.status).toMatchObject({ succeeded: 5, completedIndexes: '0-4', terminating: 0, ready: 0 });
    expect(condition(job, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
    const pods = podsOf(sim, 'indexed-job');
    expect(pods).toHaveLength(5);
    for (const p of pods) {
      const ix = p.metadata.annotations![INDEX]!;
      expect(p.metadata.name).toMatch(new RegExp(`^indexed-job-${ix}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels![INDEX]).toBe(ix);
      expect(p.spec!.hostname).toBe(`indexed-job-${ix}`);
      for (const c of [...p.spec!.initContainers!, ...p.spec!.containers]) {
        expect(c.env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${INDEX}']` } } });
      }
    }
  });

  it('job-backoff-limit-per-index-example.yaml: even indexes fail twice and are marked failed', () => {
    const sim = jobCluster();
    // The example fails even indexes (exit 1) and succeeds odd ones.
    const manifest = withPodAnnotations(corpusJob('job-backoff-limit-per-index-example.yaml'), {
      'sim.workload-lab.dev/exit-code': '0=1,2=1,4=1,6=1,8=1,*=0',
      'sim.workload-lab.dev/duration': '5s',
    });
    applyJob(sim, manifest);
    sim.runUntilIdle();
    const job = getJob(sim, 'job-backoff-limit-per-index-example')!;
    // The docs' result: 1 succeeded pod for each of 5 indexes, 2 failed pods (1 retry) for each of 5 indexes.
    expect(job.status).toMatchObject({ completedIndexes: '1,3,5,7,9', failedIndexes: '0,2,4,6,8', succeeded: 5, failed: 10, terminating: 0 });
    expect(job.status!.conditions!.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    const failed = { status: 'True', reason: 'FailedIndexes', message: 'Job has failed indexes' };
    expect(condition(job, 'FailureTarget')).toMatchObject(failed);
    expect(condition(job, 'Failed')).toMatchObject(failed);
    expect(jobEventLines(sim, 'job-backoff-limit-per-index-example').pop()).toBe('Warning FailedIndexes: Job has failed indexes');
    // The per-index failure count travels on the replacement pod.
    const pods = byIndex(podsOf(sim, 'job-backoff-limit-per-index-example'));
    for (const ix of ['0', '2', '4', '6', '8']) expect(pods.get(ix)!.map((p) => p.metadata.annotations![FAILURE_COUNT])).toEqual(['0', '1']);
    for (const ix of ['1', '3', '5', '7', '9']) expect(pods.get(ix)!.map((p) => p.metadata.annotations![FAILURE_COUNT])).toEqual(['0']);
  });

  it('maxFailedIndexes: the Job fails as soon as more indexes failed than allowed', () => {
    const sim = jobCluster();
    const manifest = withPodAnnotations(corpusJob('job-backoff-limit-per-index-example.yaml'), {
      'sim.workload-lab.dev/exit-code': '0=1,2=1,4=1,6=1,8=1,*=0',
      'sim.workload-lab.dev/duration': '5s',
    });
    manifest.spec.maxFailedIndexes = 1;
    applyJob(sim, manifest);
    sim.runUntilIdle();
    const job = getJob(sim, 'job-backoff-limit-per-index-example')!;
    const exceeded = { status: 'True', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
    expect(condition(job, 'FailureTarget')).toMatchObject(exceeded);
    expect(condition(job, 'Failed')).toMatchObject(exceeded);
    // Two failed indexes (more than 1); the indexes not yet finished never ran to the end.
    expect(job.status!.failedIndexes!.split(',')).toHaveLength(2);
    expect(job.status!.succeeded ?? 0).toBeLessThan(5);
  });

  it('job-backoff-limit-per-index-failindex.yaml: exit 42 fails its index at once (FailIndex), exit 1 is retried', () => {
    const sim = jobCluster();
    const manifest = withPodAnnotations(corpusJob('job-backoff-limit-per-index-failindex.yaml'), {
      'sim.workload-lab.dev/exit-code': '0=1,1=42,*=0',
      'sim.workload-lab.dev/duration': '5s',
    });
    applyJob(sim, manifest);
    sim.runUntilIdle();
    const job = getJob(sim, 'job-backoff-limit-per-index-failindex')!;
    expect(job.status).toMatchObject({ failedIndexes: '0,1', completedIndexes: '2,3', succeeded: 2, failed: 3 });
    expect(condition(job, 'Failed')).toMatchObject({ reason: 'FailedIndexes', message: 'Job has failed indexes' });
    const pods = byIndex(podsOf(sim, 'job-backoff-limit-per-index-failindex'));
    expect(pods.get('0')).toHaveLength(2); // one retry
    expect(pods.get('1')).toHaveLength(1); // FailIndex: no retry
  });
});
