// Gang scheduling (kubeflow-training reference §2.4; scheduler-plugins v0.28 coscheduling): the operator's
// PodGroup and pod decoration, the partial-allocation deadlock the default scheduler walks into on the default
// cluster's two 4-GPU nodes, and the same timeline with gang scheduling, where one job gets all of its pods and
// the other none.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import { GarbageCollector } from '../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import { PyTorchJobController } from '../../../src/engine/controllers/kubeflow/pytorchjob/pytorchjob-controller.ts';
import { TFJobController } from '../../../src/engine/controllers/kubeflow/tfjob/tfjob-controller.ts';
import { nodeControllers, scopedAttempts, workloadAttemptScope } from '../../../src/engine/node/index.ts';
import type { Simulation } from '../../../src/engine/sim/simulation.ts';
import { apply, cluster, condition, duration, events, job, pod, pods, runUntil, tfjob, type Manifest } from './helpers.ts';

const GANG = { 'sim.workload-lab.dev/gang-scheduler-name': 'scheduler-plugins-scheduler' };
const FOREVER = duration('forever');

function gangJob(name: string, replicas: number, gpus: number, spec: Record<string, unknown> = {}, gang = true): Manifest {
  const m = tfjob(name, { Worker: { replicas, annotations: FOREVER, gpus } }, spec);
  if (gang) m.metadata.annotations = { ...GANG };
  return m;
}

const podGroup = (sim: Simulation, name: string) => sim.api.get('PodGroup', 'default', name);
const jobPods = (sim: Simulation, name: string) => pods(sim).filter((p) => p.metadata.labels?.['training.kubeflow.org/job-name'] === name);
const running = (ps: Pod[]) => ps.filter((p) => p.status?.phase === 'Running').length;
const pending = (ps: Pod[]) => ps.filter((p) => p.status?.phase === 'Pending' && !p.spec?.nodeName).length;

describe('the operator side (§2.4)', () => {
  it('creates a PodGroup owned by the job and points its pods at it', () => {
    const sim = cluster();
    const m = tfjob('g', { Worker: { replicas: 3, annotations: FOREVER, gpus: 1 }, PS: { annotations: FOREVER } }, { runPolicy: { schedulingPolicy: { minAvailable: 3, scheduleTimeoutSeconds: 120 } } });
    m.metadata.annotations = { ...GANG, team: 'vision' };
    const created = apply(sim, m);
    sim.runFor(100);
    const pg = podGroup(sim, 'g')!;
    expect(pg.apiVersion).toBe('scheduling.x-k8s.io/v1alpha1');
    // The job's annotations, all of them (kubectl apply's last-applied-configuration included when present).
    expect(pg.metadata.annotations).toEqual(job(sim, 'TFJob', 'g')!.metadata.annotations);
    expect(pg.metadata.annotations).toMatchObject({ ...GANG, team: 'vision' });
    expect(pg.metadata.ownerReferences).toEqual([{ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'g', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // minResources: the limits (no requests) of the first minMember pods, replica types in document order.
    expect(pg.spec).toEqual({ minMember: 3, minResources: { 'nvidia.com/gpu': '3' }, scheduleTimeoutSeconds: 120 });
    for (const p of pods(sim)) {
      expect(p.spec!.schedulerName).toBe('scheduler-plugins-scheduler');
      expect(p.metadata.labels!['scheduling.x-k8s.io/pod-group']).toBe('g');
    }
  });

  it('minMember defaults to the sum of all replicas; the PodGroup follows a changed schedulingPolicy', () => {
    const sim = cluster();
    const m = gangJob('sum', 2, 1);
    apply(sim, m);
    sim.runFor(100);
    expect(podGroup(sim, 'sum')!.spec).toEqual({ minMember: 2, minResources: { 'nvidia.com/gpu': '2' } });
    apply(sim, { ...m, spec: { ...m.spec, runPolicy: { schedulingPolicy: { minAvailable: 1, minResources: { cpu: '2' } } } } });
    sim.runFor(100);
    expect(podGroup(sim, 'sum')!.spec).toEqual({ minMember: 1, minResources: { cpu: '2' } });
  });

  it('warns when a template names another scheduler, and leaves that name', () => {
    const sim = cluster();
    const m = gangJob('own', 1, 0);
    (m.spec.tfReplicaSpecs as { Worker: { template: { spec: Record<string, unknown> } } }).Worker.template.spec.schedulerName = 'my-scheduler';
    apply(sim, m);
    sim.runFor(5_000);
    expect(events(sim, 'own').find((e) => e.reason === 'SetPodTemplateSchedulerName')).toMatchObject({
      type: 'Warning', message: 'Another scheduler is specified when gang-scheduling is enabled and it will not be overwritten',
    });
    expect(pod(sim, 'own-worker-0')!.spec!.schedulerName).toBe('my-scheduler');
    // No scheduler of that name runs in the lab: the pod waits, as it would on a real cluster.
    expect(pod(sim, 'own-worker-0')!.spec!.nodeName).toBeUndefined();
  });

  it('deletes the PodGroup when the job finishes (JobTerminated, SuccessfulDeletePodGroup)', () => {
    const sim = cluster();
    apply(sim, tfjob('done', { Worker: { replicas: 2, annotations: duration('20s') } }));
    sim.api.patch('TFJob', 'default', 'done', (o) => {
      o.metadata.annotations = { ...GANG };
    });
    expect(runUntil(sim, () => !!podGroup(sim, 'done'), 10_000, 10)).toBe(true);
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'done'), 'Succeeded'))).toBe(true);
    sim.runFor(1_000);
    expect(podGroup(sim, 'done')).toBeUndefined();
    const msgs = events(sim, 'done').map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(msgs).toContain('Normal JobTerminated Job has been terminated. Deleting PodGroup');
    expect(msgs).toContain('Normal SuccessfulDeletePodGroup Deleted PodGroup: done');
  });

  it('the operator option `gangSchedulerName` turns it on for every job; volcano is not simulated', () => {
    const on = (gangSchedulerName: string) => cluster([
      new TFJobController({ gangSchedulerName }), new PyTorchJobController({ gangSchedulerName }), new GarbageCollector(),
      ...nodeControllers({ attempts: scopedAttempts(workloadAttemptScope) }),
    ]);
    const sim = on('scheduler-plugins-scheduler');
    apply(sim, gangJob('opt', 2, 1, {}, false));
    sim.runFor(10_000);
    expect(podGroup(sim, 'opt')!.spec).toMatchObject({ minMember: 2 });
    expect(running(jobPods(sim, 'opt'))).toBe(2);
    const volcano = on('volcano');
    apply(volcano, gangJob('v', 2, 1, {}, false));
    volcano.runFor(10_000);
    expect(podGroup(volcano, 'v')).toBeUndefined();
    expect(pod(volcano, 'v-worker-0')!.spec!.schedulerName).toBe('default-scheduler');
  });

  it('deleting the job removes its PodGroup', () => {
    const sim = cluster();
    apply(sim, gangJob('gone', 2, 1));
    sim.runFor(1_000);
    expect(podGroup(sim, 'gone')).toBeDefined();
    sim.api.delete('TFJob', 'default', 'gone');
    sim.runFor(1_000);
    expect(podGroup(sim, 'gone')).toBeUndefined();
  });
});

describe('coscheduling on the simulated cluster', () => {
  it('keeps every pod Pending while fewer pods exist than minMember', () => {
    const sim = cluster();
    apply(sim, gangJob('short', 4, 0, { runPolicy: { schedulingPolicy: { minAvailable: 5 } } }));
    sim.runFor(30_000);
    expect(pending(jobPods(sim, 'short'))).toBe(4);
    const failed = events(sim, 'short-worker-0').find((e) => e.reason === 'FailedScheduling')!;
    expect(failed.source.component).toBe('scheduler-plugins-scheduler');
    expect(failed.message).toBe('0/5 nodes are available: pre-filter pod short-worker-0 cannot find enough sibling pods, current pods number: 4, minMember of group: 5.');
    expect(condition(job(sim, 'TFJob', 'short'), 'Running')).toBeUndefined();
  });

  it('binds a group that fits all at once', () => {
    const sim = cluster();
    apply(sim, gangJob('fits', 6, 1));
    sim.runFor(30_000);
    const ps = jobPods(sim, 'fits');
    expect(running(ps)).toBe(6);
    expect(new Set(ps.map((p) => p.spec!.nodeName))).toEqual(new Set(['gpu-node-1', 'gpu-node-2']));
    expect(events(sim, 'fits-worker-5').find((e) => e.reason === 'Scheduled')!.source.component).toBe('scheduler-plugins-scheduler');
  });

  it('a group larger than the free GPUs holds nothing: all of its pods wait', () => {
    const sim = cluster();
    apply(sim, gangJob('big', 9, 1));
    sim.runFor(30_000);
    expect(pending(jobPods(sim, 'big'))).toBe(9);
    const messages = new Set(jobPods(sim, 'big').flatMap((p) => events(sim, p.metadata.name).filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)));
    expect(messages).toEqual(new Set(['optimistic rejection in PostFilter']));
    // Without gang scheduling the same job takes all eight GPUs and leaves one pod waiting.
    const plain = cluster();
    apply(plain, gangJob('big', 9, 1, {}, false));
    plain.runFor(30_000);
    expect(running(jobPods(plain, 'big'))).toBe(8);
    expect(pending(jobPods(plain, 'big'))).toBe(1);
  });
});

/**
 * The deadlock of the lesson, on a busy cluster: gpu-node-1 is taken by another pod for a minute, a short batch
 * Job keeps finishing pods (every finish makes the scheduler retry its waiting pods, so job A's waiting pod backs
 * off to 10 s), job A (5 × 1 GPU) starts at once and gets 4 GPUs, job B (5 × 1 GPU) arrives at 58 s. When the
 * GPUs free up at 60 s, B's freshly queued pods come first.
 */
function busyCluster(gang: boolean): Simulation {
  const sim = cluster();
  const blocker = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'blocker', annotations: duration('60s') },
    spec: { restartPolicy: 'Never', nodeSelector: { 'kubernetes.io/hostname': 'gpu-node-1' }, containers: [{ name: 'main', image: 'busybox:1.36', resources: { limits: { 'nvidia.com/gpu': '4' } } }] },
  };
  expect(sim.apply(blocker).error).toBeUndefined();
  const etl = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'etl' }, spec: { completions: 60, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '2'] }] } } } };
  expect(sim.apply(etl).error).toBeUndefined();
  apply(sim, gangJob('job-a', 5, 1, {}, gang));
  sim.runFor(58_000);
  apply(sim, gangJob('job-b', 5, 1, {}, gang));
  sim.runFor(10 * 60_000);
  return sim;
}

describe('the partial-allocation deadlock (§2.4, lesson "GPUs and gang scheduling")', () => {
  it('without gang scheduling, each job holds 4 GPUs and waits forever for its fifth pod', () => {
    const sim = busyCluster(false);
    for (const name of ['job-a', 'job-b']) {
      expect(running(jobPods(sim, name))).toBe(4);
      expect(pending(jobPods(sim, name))).toBe(1);
      // The operator still reports Running: worker 0 runs (§4.4).
      expect(condition(job(sim, 'TFJob', name), 'Running')?.status).toBe('True');
    }
  });

  it('with gang scheduling, one job gets all five GPUs it needs and the other holds none', () => {
    const sim = busyCluster(true);
    const a = jobPods(sim, 'job-a');
    const b = jobPods(sim, 'job-b');
    expect([running(a), running(b)].sort()).toEqual([0, 5]);
    const waiting = running(a) === 0 ? 'job-a' : 'job-b';
    expect(pending(jobPods(sim, waiting))).toBe(5);
    expect(condition(job(sim, 'TFJob', waiting), 'Running')).toBeUndefined();
    // Three GPUs stay free for other work.
    const gpusHeld = pods(sim).filter((p) => p.spec?.nodeName && p.status?.phase === 'Running').reduce((n, p) => n + Number(p.spec!.containers[0]!.resources?.limits?.['nvidia.com/gpu'] ?? 0), 0);
    expect(gpusHeld).toBe(5);
  });
});
