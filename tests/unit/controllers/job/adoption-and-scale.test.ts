// Adoption of matching orphans (reference §0.2, §4.2), outcome counting at scale (§4.5: at most 500 finished
// pods per sync through uncountedTerminatedPods) and determinism (same input and seed, same run).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import type { Job } from '../../../../src/engine/controllers/job/job-types.ts';
import { applyJob, condition, corpusJob, getJob, jobCluster, record, simpleJob, withPodAnnotations } from './helpers.ts';

describe('adoption (§0.2, §4.2)', () => {
  it('a Job with manualSelector adopts a matching orphan pod, adding its controller reference and finalizer', () => {
    const sim = jobCluster();
    const r = sim.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'batch' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '30'] }] },
    });
    expect(r.error).toBeUndefined();
    const manifest = simpleJob('adopter', { manualSelector: true, selector: { matchLabels: { app: 'batch' } }, completions: 1 }, { command: ['sleep', '30'] });
    manifest.spec.template.metadata = { labels: { app: 'batch' } };
    const job = applyJob(sim, manifest);
    sim.runFor(2_000);
    const stray = sim.api.get<Pod>('Pod', 'default', 'stray')!;
    expect(stray.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'adopter', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(stray.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    // The adopted pod is the one active pod: completions 1, so nothing else is created.
    expect(sim.api.list<Pod>('Pod').map((p) => p.metadata.name)).toEqual(['stray']);
    sim.runUntilIdle();
    expect(getJob(sim, 'adopter')!.status).toMatchObject({ succeeded: 1 });
  });
});

describe('counting at scale (§4.5)', () => {
  it('1 200 pods finishing close together: never more than 500 uncounted, all counted in the end', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('many', { completions: 1200, parallelism: 600 }, { annotations: { 'sim.workload-lab.dev/duration': '5s' } }));
    const stream = record(sim, ['Job']);
    sim.runUntilIdle();
    const job = getJob(sim, 'many')!;
    expect(job.status).toMatchObject({ succeeded: 1200, terminating: 0, uncountedTerminatedPods: {} });
    expect(condition(job, 'Complete')?.status).toBe('True');
    let most = 0;
    for (const e of stream) {
      const u = (e.object as Job).status?.uncountedTerminatedPods;
      most = Math.max(most, (u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0));
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(500);
    expect(sim.api.list<Pod>('Pod').every((p) => p.metadata.finalizers === undefined)).toBe(true);
  });
});

describe('counting at most 500 outcomes per sync (§4.5)', () => {
  it('600 pods deleted at once are counted as failed in two syncs of at most 500', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('wide', { completions: 600, parallelism: 600, backoffLimit: 1000 }, { command: ['sleep', '3600'] }));
    sim.runFor(30_000);
    const pods = sim.api.list<Pod>('Pod');
    expect(pods).toHaveLength(600); // 330 fit on the default cluster's three workers (110 pods each); the rest are Pending
    const stream = record(sim, ['Job']);
    // kubectl delete pods -l job-name=wide: with TerminatingOrFailed each deleted pod is a failure (§4.5).
    for (const p of pods) sim.api.delete('Pod', 'default', p.metadata.name);
    sim.runFor(3_000);
    const statuses = stream.map((e) => (e.object as Job).status ?? {});
    const uncounted = statuses.map((s) => s.uncountedTerminatedPods?.failed?.length ?? 0);
    expect(Math.max(...uncounted)).toBe(500);
    expect(statuses.map((s) => s.failed ?? 0).filter((n, i, a) => n !== a[i - 1])).toEqual([0, 500, 600]);
  });
});

describe('determinism', () => {
  it('the same manifests and seed give the same objects and events', () => {
    const run = () => {
      const sim = jobCluster(7);
      applyJob(sim, withPodAnnotations(corpusJob('job-backoff-limit-per-index-example.yaml'), { 'sim.workload-lab.dev/exit-code': '0=1,2=1,*=0', 'sim.workload-lab.dev/duration': '3s' }));
      applyJob(sim, corpusJob('job.yaml'));
      sim.runUntilIdle();
      return JSON.stringify(sim.api.all());
    };
    expect(run()).toBe(run());
  });
});
