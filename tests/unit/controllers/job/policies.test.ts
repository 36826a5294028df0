// podFailurePolicy (reference §4.9) and successPolicy (§4.10) on the corpus examples, and podReplacementPolicy
// (§4.5).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/engine/api/kinds.ts';
import type { Job } from '../../../../src/engine/controllers/job/job-types.ts';
import { applyJob, condition, corpusJob, getJob, jobCluster, jobEventLines, ms, podsOf, record, simpleJob, withPodAnnotations } from './helpers.ts';

describe('podFailurePolicy (§4.9)', () => {
  it('job-pod-failure-policy-example.yaml: exit code 42 fails the Job with reason PodFailurePolicy', () => {
    const sim = jobCluster();
    // The example's container runs `echo "Hello world!" && sleep 5 && exit 42`.
    applyJob(sim, corpusJob('job-pod-failure-policy-example.yaml'));
    sim.runUntilIdle();
    const job = getJob(sim, 'job-pod-failure-policy-example')!;
    const target = condition(job, 'FailureTarget')!;
    expect(target).toMatchObject({ status: 'True', reason: 'PodFailurePolicy' });
    expect(target.message).toMatch(/^Container main for pod default\/job-pod-failure-policy-example-[bcdfghjklmnpqrstvwxz2456789]{5} failed with exit code 42 matching FailJob rule at index 0$/);
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'PodFailurePolicy', message: target.message });
    expect(jobEventLines(sim, 'job-pod-failure-policy-example').pop()).toBe(`Warning PodFailurePolicy: ${target.message}`);
    // The named pod exists and exited 42; the Job did not go on to its 12 completions or retry.
    const pods = podsOf(sim, 'job-pod-failure-policy-example');
    const named = pods.find((p) => target.message!.includes(`/${p.metadata.name} `))!;
    expect(named.status!.containerStatuses![0]!.state.terminated!.exitCode).toBe(42);
    expect(pods).toHaveLength(3);
    expect(job.status!.succeeded).toBeUndefined();
  });

  it('an Ignore rule on DisruptionTarget: an evicted pod is replaced without counting as a failure', () => {
    const sim = jobCluster();
    const manifest = simpleJob('tolerant', {
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    }, { command: ['sleep', '600'] });
    applyJob(sim, manifest);
    sim.runFor(20_000);
    const [first] = podsOf(sim, 'tolerant');
    const nodeName = first!.spec!.nodeName!;
    // A NoExecute taint makes the taint eviction controller evict the pod with DisruptionTarget (§4.9).
    const r = sim.api.patch<Node>('Node', undefined, nodeName, (n) => {
      n.spec = { ...n.spec, taints: [...(n.spec?.taints ?? []), { key: 'maintenance', value: 'true', effect: 'NoExecute' }] };
    });
    expect(r.ok).toBe(true);
    sim.runFor(120_000);
    const job = getJob(sim, 'tolerant')!;
    const evicted = sim.api.get('Pod', 'default', first!.metadata.name);
    expect(evicted).toBeUndefined();
    expect(job.status!.failed).toBeUndefined();
    expect(condition(job, 'Failed')).toBeUndefined();
    const pods = podsOf(sim, 'tolerant');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.name).not.toBe(first!.metadata.name);
    expect(pods[0]!.spec!.nodeName).not.toBe(nodeName);
  });
});

describe('successPolicy (§4.10)', () => {
  it('job-success-policy.yaml: index 2 succeeding completes the Job with reason SuccessPolicy', () => {
    const sim = jobCluster();
    // The example's script exits 0 only for index 2; here index 2 also finishes first.
    const manifest = withPodAnnotations(corpusJob('job-success-policy.yaml'), {
      'sim.workload-lab.dev/exit-code': '2=0,*=1',
      'sim.workload-lab.dev/duration': '2=5s,*=60s',
    });
    applyJob(sim, manifest);
    const stream = record(sim, ['Job']);
    sim.runUntilIdle();
    const job = getJob(sim, 'job-success')!;
    const matched = { status: 'True', reason: 'SuccessPolicy', message: 'Matched rules at index 0' };
    expect(job.status!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(condition(job, 'SuccessCriteriaMet')).toMatchObject(matched);
    expect(condition(job, 'Complete')).toMatchObject(matched);
    expect(job.status).toMatchObject({ succeeded: 1, completedIndexes: '2', terminating: 0 });
    expect(job.status!.completionTime).toBe(condition(job, 'Complete')!.lastTransitionTime);
    // Lingering pods are deleted, then Complete follows once none is terminating.
    const lines = jobEventLines(sim, 'job-success');
    expect(lines.filter((l) => l.startsWith('Normal SuccessfulDelete'))).toHaveLength(9);
    expect(lines.pop()).toBe('Normal Completed: Job completed');
    const interim = stream.map((e) => (e.object as Job).status!).find((s) => s.conditions?.some((c) => c.type === 'SuccessCriteriaMet'))!;
    expect(interim.terminating).toBe(9);
    expect(interim.conditions!.some((c) => c.type === 'Complete')).toBe(false);
  });
});

describe('podReplacementPolicy (§4.5)', () => {
  it('TerminatingOrFailed (default): a deleted pod counts as failed and is replaced while it terminates', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('eager', {}, { command: ['sleep', '3600'] }));
    sim.runFor(20_000);
    const [old] = podsOf(sim, 'eager');
    sim.api.delete('Pod', 'default', old!.metadata.name);
    sim.runFor(12_000);
    const job = getJob(sim, 'eager')!;
    const stillTerminating = sim.api.get('Pod', 'default', old!.metadata.name)!;
    expect(stillTerminating.metadata.deletionTimestamp).toBeDefined(); // sleep ignores SIGTERM: 30 s grace
    expect(job.status).toMatchObject({ failed: 1, terminating: 1, active: 1 });
    expect(podsOf(sim, 'eager')).toHaveLength(2);
  });

  it('Failed: the replacement waits until the old pod has failed; terminating pods are reported', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('patient', { podReplacementPolicy: 'Failed' }, { command: ['sleep', '3600'] }));
    sim.runFor(20_000);
    const [old] = podsOf(sim, 'patient');
    const podStream = record(sim, ['Pod']);
    sim.api.delete('Pod', 'default', old!.metadata.name);
    sim.runFor(12_000);
    expect(getJob(sim, 'patient')!.status).toMatchObject({ terminating: 1 });
    expect(getJob(sim, 'patient')!.status!.failed).toBeUndefined();
    expect(podsOf(sim, 'patient').map((p) => p.metadata.name)).toEqual([old!.metadata.name]);
    sim.runFor(60_000);
    const [replacement] = podsOf(sim, 'patient');
    expect(replacement!.metadata.name).not.toBe(old!.metadata.name);
    expect(getJob(sim, 'patient')!.status).toMatchObject({ failed: 1, terminating: 0, active: 1 });
    // Created only after the old pod reached phase Failed (its container was SIGKILLed at the end of the grace period).
    const failedAt = podStream.find((e) => e.object.metadata.name === old!.metadata.name && (e.object as Pod).status?.phase === 'Failed')!.time;
    const createdAt = podStream.find((e) => e.type === 'ADDED' && e.object.metadata.name === replacement!.metadata.name)!.time;
    expect(createdAt).toBeGreaterThan(failedAt);
  });
});
