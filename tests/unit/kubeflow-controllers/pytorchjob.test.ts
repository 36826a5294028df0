// PyTorchJob (kubeflow-training reference §5, scenario §9.15): pods and Services, the environment of §5.2 in its
// exact order, the workers' init container (§5.3), success through the Master and the status of §5.5.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import {
  apply, behave, cluster, condition, conditionShape, corpusManifest, duration, envOf, events, job, names, pod, pods, replicaStatuses, runUntil, services,
  type Manifest,
} from './helpers.ts';

const SIMPLE_ENV = (rank: string) => [
  { name: 'PYTHONUNBUFFERED', value: '1' },
  { name: 'MASTER_PORT', value: '23456' },
  { name: 'PET_MASTER_PORT', value: '23456' },
  { name: 'MASTER_ADDR', value: 'pytorch-simple-master-0' },
  { name: 'PET_MASTER_ADDR', value: 'pytorch-simple-master-0' },
  { name: 'WORLD_SIZE', value: '2' },
  { name: 'RANK', value: rank },
  { name: 'PET_NODE_RANK', value: rank },
  { name: 'PET_NPROC_PER_NODE', value: 'auto' },
  { name: 'PET_NNODES', value: '2' },
];

describe('§9.15 pytorch-simple: Master ×1 + Worker ×1, OnFailure', () => {
  it('creates the pods and Services, the env of §5.2 and the init-pytorch container on the worker', () => {
    const sim = cluster();
    apply(sim, behave(corpusManifest('pytorch_simple.yaml'), '*', duration('forever')));
    sim.runFor(100);
    expect(names(pods(sim, 'kubeflow'))).toEqual(['pytorch-simple-master-0', 'pytorch-simple-worker-0']);
    expect(names(services(sim, 'kubeflow'))).toEqual(['pytorch-simple-master-0', 'pytorch-simple-worker-0']);
    expect(services(sim, 'kubeflow')[0]!.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'pytorchjob-port', port: 23456, protocol: 'TCP', targetPort: 23456 }] });
    const master = pod(sim, 'pytorch-simple-master-0', 'kubeflow')!;
    const worker = pod(sim, 'pytorch-simple-worker-0', 'kubeflow')!;
    expect(envOf(master)).toEqual(SIMPLE_ENV('0'));
    expect(envOf(worker)).toEqual(SIMPLE_ENV('1'));
    expect(master.metadata.labels?.['training.kubeflow.org/job-role']).toBe('master');
    expect(worker.metadata.labels?.['training.kubeflow.org/job-role']).toBeUndefined();
    expect(master.spec!.initContainers).toBeUndefined();
    const init = worker.spec!.initContainers![0]!;
    expect(init).toMatchObject({
      name: 'init-pytorch',
      image: 'alpine:3.10',
      imagePullPolicy: 'IfNotPresent',
      resources: { limits: { cpu: '100m', memory: '20Mi' }, requests: { cpu: '50m', memory: '10Mi' } },
      command: ['sh', '-c', 'err=1;for i in $(seq 100); do if nslookup pytorch-simple-master-0; then err=0 && break; fi;echo waiting for master; sleep 2; done; exit $err'],
    });
    expect(worker.spec!.restartPolicy).toBe('OnFailure');
    expect(worker.metadata.ownerReferences).toEqual([{ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'pytorch-simple', uid: job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow')!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('Running with the master; Succeeded as soon as the master pod succeeds, whatever the worker does', () => {
    const sim = cluster();
    const m = behave(behave(corpusManifest('pytorch_simple.yaml'), 'Master', duration('30s')), 'Worker', duration('forever'));
    apply(sim, m);
    expect(runUntil(sim, () => !!condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Running'))).toBe(true);
    expect(condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Running')).toMatchObject({ reason: 'PyTorchJobRunning', message: 'PyTorchJob pytorch-simple is running.' });
    expect(runUntil(sim, () => !!condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Succeeded'))).toBe(true);
    const j = job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow');
    expect(condition(j, 'Succeeded')).toMatchObject({ reason: 'PyTorchJobSucceeded', message: 'PyTorchJob pytorch-simple is successfully completed.' });
    expect(conditionShape(j)).toEqual(['Created=True', 'Running=False', 'Succeeded=True']);
    expect(condition(j, 'Created')).toMatchObject({ reason: 'PyTorchJobCreated', message: 'PyTorchJob pytorch-simple is created.' });
    expect(pod(sim, 'pytorch-simple-worker-0', 'kubeflow')!.status!.phase).toBe('Running');
    expect(events(sim, 'pytorch-simple').every((e) => e.source.component === 'pytorchjob-controller')).toBe(true);
  });

  it('replicaStatuses carry the selector of the scale subresource', () => {
    const sim = cluster();
    apply(sim, behave(corpusManifest('pytorch_simple.yaml'), '*', duration('forever')));
    expect(runUntil(sim, () => replicaStatuses(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'))?.Worker?.active === 1)).toBe(true);
    expect(replicaStatuses(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'))).toEqual({
      Master: { active: 1, selector: 'training.kubeflow.org/job-name=pytorch-simple,training.kubeflow.org/operator-name=pytorchjob-controller,training.kubeflow.org/replica-type=master' },
      Worker: { active: 1, selector: 'training.kubeflow.org/job-name=pytorch-simple,training.kubeflow.org/operator-name=pytorchjob-controller,training.kubeflow.org/replica-type=worker' },
    });
  });

  it('a Master with replicas 2, or unset, is refused by the webhook', () => {
    const denial = 'admission webhook "validator.pytorchjob.training-operator.kubeflow.org" denied the request: spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1';
    const two = corpusManifest('pytorch_simple.yaml');
    (two.spec.pytorchReplicaSpecs as { Master: { replicas?: number } }).Master.replicas = 2;
    expect(cluster().apply(two as unknown as Record<string, unknown>).error?.message).toBe(denial);
    const unset = corpusManifest('pytorch_simple.yaml');
    delete (unset.spec.pytorchReplicaSpecs as { Master: { replicas?: number } }).Master.replicas;
    expect(cluster().apply(unset as unknown as Record<string, unknown>).error?.message).toBe(denial);
  });
});

describe('PyTorchJob environment variants (§5.2)', () => {
  it('elasticPolicy (pytorch_elastic_echo_echo.yaml): rendezvous variables after the user env', () => {
    const sim = cluster();
    apply(sim, corpusManifest('pytorch_elastic_echo_echo.yaml'));
    sim.runFor(100);
    expect(envOf(pod(sim, 'elastic-example-echo-worker-1'))).toEqual([
      { name: 'LOGLEVEL', value: 'DEBUG' },
      { name: 'PYTHONUNBUFFERED', value: '1' },
      { name: 'PET_NPROC_PER_NODE', value: 'auto' },
      { name: 'PET_RDZV_ENDPOINT', value: 'elastic-example-echo-worker-0:23456' },
      { name: 'PET_RDZV_BACKEND', value: 'c10d' },
      { name: 'PET_NNODES', value: '1:2' },
      { name: 'PET_MAX_RESTARTS', value: '100' },
    ]);
    // No Master: worker 0 has the master role and nobody gets an init container.
    expect(pod(sim, 'elastic-example-echo-worker-0')!.metadata.labels?.['training.kubeflow.org/job-role']).toBe('master');
    expect(pod(sim, 'elastic-example-echo-worker-0')!.spec!.initContainers).toBeUndefined();
  });

  it('a Worker-only job without elasticPolicy gets PYTHONUNBUFFERED, PET_NPROC_PER_NODE and PET_NNODES; every container gets them', () => {
    const sim = cluster();
    const m: Manifest = {
      apiVersion: 'kubeflow.org/v1',
      kind: 'PyTorchJob',
      metadata: { name: 'w' },
      spec: {
        nprocPerNode: '4',
        pytorchReplicaSpecs: {
          Worker: { replicas: 3, template: { spec: { containers: [{ name: 'pytorch', image: 'kubeflow/pytorch-dist-mnist:latest' }, { name: 'logger', image: 'busybox:1.36', command: ['sleep', '3600'] }] } } },
        },
      },
    };
    apply(sim, m);
    sim.runFor(100);
    const expected = [{ name: 'PYTHONUNBUFFERED', value: '1' }, { name: 'PET_NPROC_PER_NODE', value: '4' }, { name: 'PET_NNODES', value: '3' }];
    const p = pod(sim, 'w-worker-2') as Pod;
    expect(envOf(p, 0)).toEqual(expected);
    expect(envOf(p, 1)).toEqual(expected);
  });

  it('WORLD_SIZE multiplies the nodes by an integer nprocPerNode', () => {
    const sim = cluster();
    const m = corpusManifest('pytorch_smoke-dist_pytorch_job_sendrecv.yaml');
    m.spec.nprocPerNode = '2';
    apply(sim, m);
    sim.runFor(100);
    const env = envOf(pod(sim, 'pytorch-dist-basic-sendrecv-worker-2'))!;
    expect(env.find((e) => e.name === 'WORLD_SIZE')?.value).toBe('8');
    expect(env.find((e) => e.name === 'RANK')?.value).toBe('3');
  });
});

describe('PyTorchJob failure (§5.5)', () => {
  it('a Worker failing under Never fails the job with the PyTorch message', () => {
    const sim = cluster();
    const m = corpusManifest('pytorch_simple.yaml');
    const specs = m.spec.pytorchReplicaSpecs as Record<string, { restartPolicy: string }>;
    specs.Worker!.restartPolicy = 'Never';
    behave(m, 'Master', duration('forever'));
    behave(m, 'Worker', { ...duration('20s'), 'sim.workload-lab.dev/exit-code': '1' });
    apply(sim, m);
    expect(runUntil(sim, () => !!condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Failed'))).toBe(true);
    expect(condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Failed')).toMatchObject({ reason: 'PyTorchJobFailed', message: 'PyTorchJob pytorch-simple is failed because 1 Worker replica(s) failed.' });
  });

  it('a Worker whose pod fails under OnFailure is recreated, with PyTorchJobRestarting', () => {
    const sim = cluster();
    apply(sim, behave(corpusManifest('pytorch_simple.yaml'), '*', duration('forever')));
    expect(runUntil(sim, () => pod(sim, 'pytorch-simple-worker-0', 'kubeflow')?.status?.phase === 'Running')).toBe(true);
    const uid = pod(sim, 'pytorch-simple-worker-0', 'kubeflow')!.metadata.uid;
    // The pod itself fails (as after an eviction): the kubelet does not restart it in place.
    sim.api.patch<Pod>('Pod', 'kubeflow', 'pytorch-simple-worker-0', (p) => {
      p.status = { ...p.status, phase: 'Failed', reason: 'Evicted' };
    }, 'status');
    expect(runUntil(sim, () => !!condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Restarting'), 10_000, 10)).toBe(true);
    expect(condition(job(sim, 'PyTorchJob', 'pytorch-simple', 'kubeflow'), 'Restarting')!.reason).toBe('PyTorchJobRestarting');
    expect(runUntil(sim, () => !!pod(sim, 'pytorch-simple-worker-0', 'kubeflow') && pod(sim, 'pytorch-simple-worker-0', 'kubeflow')!.metadata.uid !== uid)).toBe(true);
  });
});
