// The training views of TFJob and PyTorchJob: roles from the spec with the operator's defaults, each replica's
// pod and headless Service, and the wiring (TF_CONFIG, PyTorch env) read from the pods. The objects are made
// here the way the Training Operator makes them (kubeflow-training §2.1 names/labels/ownerReferences, §2.2
// Services, §3.2 TF_CONFIG worked example, §5.2 env example), so these tests do not depend on its controller.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import { GarbageCollector } from '../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import { nodeControllers } from '../../../src/engine/node/index.ts';
import { PictureRecorder } from '../../../src/engine/picture/recorder.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { recordedCluster, T0 } from './helpers.ts';

const NS = 'kubeflow';

function cluster() {
  const sim = new Simulation({ controllers: [...nodeControllers(), new GarbageCollector()], startMs: T0 });
  return { sim, rec: new PictureRecorder(sim) };
}

function create(sim: Simulation, obj: Record<string, unknown>): KubeObject {
  const r = sim.api.create({ ...obj, metadata: { ...(obj.metadata as object), namespace: NS } });
  if (!r.ok) throw new Error(r.error.message);
  return r.object;
}

/** §3.2 worked example: TFJob dist-mnist in kubeflow with Chief ×1, PS ×1, Worker ×2. */
const CLUSTER = '{"chief":["dist-mnist-chief-0.kubeflow.svc:2222"],"ps":["dist-mnist-ps-0.kubeflow.svc:2222"],"worker":["dist-mnist-worker-0.kubeflow.svc:2222","dist-mnist-worker-1.kubeflow.svc:2222"]}';
const tfConfig = (type: string, index: number) => `{"cluster":${CLUSTER},"task":{"type":"${type}","index":${index}},"environment":"cloud"}`;

function tfReplica(replicas?: number) {
  return { ...(replicas !== undefined ? { replicas } : {}), template: { spec: { containers: [{ name: 'tensorflow', image: 'kubeflow/tf-dist-mnist-test:1.0' }] } } };
}

/** A pod and its Service as the TFJob controller creates them (§2.1, §2.2, §3.1). */
function tfReplicaObjects(sim: Simulation, job: KubeObject, type: string, index: number, master: boolean) {
  const name = `dist-mnist-${type}-${index}`;
  const labels: Record<string, string> = {
    'training.kubeflow.org/operator-name': 'tfjob-controller',
    'training.kubeflow.org/job-name': 'dist-mnist',
    'training.kubeflow.org/replica-type': type,
    'training.kubeflow.org/replica-index': String(index),
  };
  const ownerReferences = [{ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'dist-mnist', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }];
  create(sim, {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, labels: { ...labels, ...(master ? { 'training.kubeflow.org/job-role': 'master' } : {}) }, ownerReferences, annotations: { 'sim.workload-lab.dev/duration': 'forever' } },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'tensorflow', image: 'kubeflow/tf-dist-mnist-test:1.0', ports: [{ name: 'tfjob-port', containerPort: 2222 }], env: [{ name: 'TF_CONFIG', value: tfConfig(type, index) }] }],
    },
  });
  create(sim, {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, labels, ownerReferences },
    // As the API server stores it (the lab's API server does not default Services; see the report).
    spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: labels, ports: [{ name: 'tfjob-port', protocol: 'TCP', port: 2222, targetPort: 2222 }] },
  });
}

describe('TFJob', () => {
  function distMnist() {
    const { sim, rec } = cluster();
    // Written in another order and case than the display: the operator normalises `worker` → `Worker` (§1.1).
    const job = create(sim, {
      apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 'dist-mnist' },
      spec: { tfReplicaSpecs: { worker: tfReplica(2), PS: tfReplica(1), Chief: tfReplica() } },
    });
    tfReplicaObjects(sim, job, 'chief', 0, true);
    tfReplicaObjects(sim, job, 'ps', 0, false);
    tfReplicaObjects(sim, job, 'worker', 0, false);
    tfReplicaObjects(sim, job, 'worker', 1, false);
    sim.runFor(30_000);
    return { sim, rec, job };
  }

  it('lays out the roles with the defaults the controller acts on and each replica\'s pod, Service and TF_CONFIG', () => {
    const { rec } = distMnist();
    const s = rec.snapshot();
    expect(s.training).toHaveLength(1);
    const tj = s.training[0]!;
    expect(tj).toMatchObject({ key: 'TFJob/kubeflow/dist-mnist', kind: 'TFJob', name: 'dist-mnist', namespace: NS, state: '', cleanPodPolicy: 'None', successPolicy: '' });
    // replicas default 1, restartPolicy default Never, port tfjob-port 2222 appended (§1.1)
    expect(tj.roles.map((r) => [r.type, r.replicas, r.restartPolicy, r.port])).toEqual([
      ['Chief', 1, 'Never', 2222], ['PS', 1, 'Never', 2222], ['Worker', 2, 'Never', 2222],
    ]);
    const workers = tj.roles[2]!;
    expect(workers.key).toBe('TFJob/kubeflow/dist-mnist#Worker');
    expect(workers.members.map((m) => m.podName)).toEqual(['dist-mnist-worker-0', 'dist-mnist-worker-1']);
    const w1 = workers.members[1]!;
    expect(w1).toMatchObject({
      index: 1, podKey: 'Pod/kubeflow/dist-mnist-worker-1', state: 'Running', status: 'Running', master: false, container: 'tensorflow',
      service: { name: 'dist-mnist-worker-1', key: 'Service/kubeflow/dist-mnist-worker-1', exists: true },
    });
    // Exactly the §3.2 worked example for worker 1.
    expect(w1.tfConfig).toBe('{"cluster":{"chief":["dist-mnist-chief-0.kubeflow.svc:2222"],"ps":["dist-mnist-ps-0.kubeflow.svc:2222"],"worker":["dist-mnist-worker-0.kubeflow.svc:2222","dist-mnist-worker-1.kubeflow.svc:2222"]},"task":{"type":"worker","index":1},"environment":"cloud"}');
    expect(w1.node).not.toBeNull();
    // The chief carries job-role=master (§2.1).
    expect(tj.roles[0]!.members[0]).toMatchObject({ podName: 'dist-mnist-chief-0', master: true });
    // The pods know their role; their lanes are labelled with it.
    const pod = s.pods.find((p) => p.name === 'dist-mnist-ps-0')!;
    expect(pod.role).toEqual({ jobKind: 'TFJob', job: 'dist-mnist', jobKey: 'TFJob/kubeflow/dist-mnist', type: 'PS', index: 0, master: false });
    expect(s.lanes.find((l) => l.name === 'dist-mnist-worker-1')!.role).toBe('worker-1');
  });

  it('shows a missing replica by its expected name, and STATE from the last condition (§6)', () => {
    const { sim, rec } = distMnist();
    const del = sim.api.delete('Pod', NS, 'dist-mnist-worker-0', { gracePeriodSeconds: 0 });
    expect(del.ok).toBe(true);
    const conditions = [
      { type: 'Created', status: 'True', reason: 'TFJobCreated', message: 'TFJob dist-mnist is created.', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Running', status: 'True', reason: 'TFJobRunning', message: 'TFJob kubeflow/dist-mnist is running.', lastTransitionTime: '2026-01-01T00:00:05Z' },
    ];
    const st = sim.api.patch('TFJob', NS, 'dist-mnist', (j) => {
      j.status = { conditions, replicaStatuses: { Worker: { active: 1 }, PS: { active: 1 }, Chief: { active: 1 } } };
    }, 'status');
    expect(st.ok).toBe(true);
    sim.runFor(1_000);
    const tj = rec.snapshot().training[0]!;
    expect(tj.state).toBe('Running');
    expect(tj.conditions.map((c) => [c.type, c.reason, c.time! - T0])).toEqual([['Created', 'TFJobCreated', 0], ['Running', 'TFJobRunning', 5_000]]);
    expect(tj.replicaStatuses.Worker).toEqual({ active: 1, succeeded: 0, failed: 0 });
    const w0 = tj.roles[2]!.members[0]!;
    expect(w0).toMatchObject({ podName: 'dist-mnist-worker-0', podKey: null, state: null, tfConfig: null, service: { exists: true } });
  });

  it('owner tree: TFJob → replica types → Pod and Service per index', () => {
    const { rec } = distMnist();
    const root = rec.snapshot().owners.find((n) => n.kind === 'TFJob')!;
    expect(root.cells).toEqual([{ header: 'STATE', value: '' }]);
    expect(root.children.map((c) => [c.kind, c.key])).toEqual([
      ['Role', 'TFJob/kubeflow/dist-mnist#Chief'], ['Role', 'TFJob/kubeflow/dist-mnist#PS'], ['Role', 'TFJob/kubeflow/dist-mnist#Worker'],
    ]);
    const workers = root.children[2]!;
    expect(workers.cells).toEqual([{ header: 'REPLICAS', value: '2' }, { header: 'RESTART POLICY', value: 'Never' }]);
    expect(workers.children.map((c) => `${c.kind}/${c.name}`)).toEqual([
      'Pod/dist-mnist-worker-0', 'Service/dist-mnist-worker-0', 'Pod/dist-mnist-worker-1', 'Service/dist-mnist-worker-1',
    ]);
    // Service columns as kubectl get svc prints a headless Service.
    expect(workers.children[1]!.cells).toEqual([
      { header: 'TYPE', value: 'ClusterIP' }, { header: 'CLUSTER-IP', value: 'None' }, { header: 'EXTERNAL-IP', value: '<none>' }, { header: 'PORT(S)', value: '2222/TCP' },
    ]);
  });
});

describe('PyTorchJob', () => {
  it('shows each pod\'s env as the operator set it (§5.2 example pytorch-simple)', () => {
    const { sim, rec } = cluster();
    const ptReplica = (replicas: number) => ({ replicas, template: { spec: { containers: [{ name: 'pytorch', image: 'kubeflow/pytorch-dist-mnist:latest' }] } } });
    const job = create(sim, {
      apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'pytorch-simple' },
      spec: { pytorchReplicaSpecs: { Master: ptReplica(1), Worker: ptReplica(1) } },
    });
    const env = (rank: number) => [
      { name: 'PYTHONUNBUFFERED', value: '1' },
      { name: 'MASTER_PORT', value: '23456' }, { name: 'PET_MASTER_PORT', value: '23456' },
      { name: 'MASTER_ADDR', value: 'pytorch-simple-master-0' }, { name: 'PET_MASTER_ADDR', value: 'pytorch-simple-master-0' },
      { name: 'WORLD_SIZE', value: '2' }, { name: 'RANK', value: String(rank) }, { name: 'PET_NODE_RANK', value: String(rank) },
      { name: 'PET_NPROC_PER_NODE', value: 'auto' }, { name: 'PET_NNODES', value: '2' },
    ];
    for (const [type, rank] of [['master', 0], ['worker', 0]] as const) {
      const labels: Record<string, string> = {
        'training.kubeflow.org/operator-name': 'pytorchjob-controller', 'training.kubeflow.org/job-name': 'pytorch-simple',
        'training.kubeflow.org/replica-type': type, 'training.kubeflow.org/replica-index': '0',
      };
      create(sim, {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: `pytorch-simple-${type}-0`, labels: { ...labels, ...(type === 'master' ? { 'training.kubeflow.org/job-role': 'master' } : {}) },
          ownerReferences: [{ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'pytorch-simple', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pytorch', image: 'kubeflow/pytorch-dist-mnist:latest', env: env(type === 'master' ? rank : 1) }] },
      });
    }
    sim.runFor(30_000);
    const pj = rec.snapshot().training[0]!;
    expect(pj).toMatchObject({ kind: 'PyTorchJob', successPolicy: null });
    // restartPolicy default OnFailure, port pytorchjob-port 23456 (§5.1)
    expect(pj.roles.map((r) => [r.type, r.replicas, r.restartPolicy, r.port])).toEqual([['Master', 1, 'OnFailure', 23456], ['Worker', 1, 'OnFailure', 23456]]);
    const worker = pj.roles[1]!.members[0]!;
    expect(worker.env).toEqual(env(1));
    expect(worker.tfConfig).toBeNull();
    expect(worker.service.exists).toBe(false);
    expect(pj.roles[0]!.members[0]!.master).toBe(true);
  });
});

describe('with the Training Operator controllers (default controllers)', () => {
  it('a TFJob applied as a user would: every replica\'s pod, Service and TF_CONFIG in the view (§2, §3.2)', () => {
    const { sim, rec } = recordedCluster();
    const r = sim.apply({
      apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 'dist-mnist', namespace: NS },
      spec: { tfReplicaSpecs: { Chief: tfReplica(), PS: tfReplica(1), Worker: tfReplica(2) } },
    });
    expect(r.error).toBeUndefined();
    sim.runFor(60_000);
    const s = rec.snapshot();
    const tj = s.training.find((j) => j.key === 'TFJob/kubeflow/dist-mnist')!;
    expect(tj.roles.map((role) => role.members.map((m) => [m.podName, m.podKey !== null, m.service.exists]))).toEqual([
      [['dist-mnist-chief-0', true, true]], [['dist-mnist-ps-0', true, true]], [['dist-mnist-worker-0', true, true], ['dist-mnist-worker-1', true, true]],
    ]);
    // §3.2 worked example, verbatim.
    expect(tj.roles[2]!.members[1]!.tfConfig).toBe(tfConfig('worker', 1));
    expect(tj.roles[0]!.members[0]!.tfConfig).toBe(tfConfig('chief', 0));
    expect(tj.roles[0]!.members[0]!.master).toBe(true);
    // §4.1: Created, then Running once the chief runs.
    expect(tj.conditions.map((c) => c.type)).toEqual(['Created', 'Running']);
    const root = s.owners.find((n) => n.key === 'TFJob/kubeflow/dist-mnist')!;
    expect(root.children.map((c) => c.name)).toEqual(['Chief', 'PS', 'Worker']);
    expect(root.children[2]!.children.map((c) => `${c.kind}/${c.name}`)).toEqual([
      'Pod/dist-mnist-worker-0', 'Service/dist-mnist-worker-0', 'Pod/dist-mnist-worker-1', 'Service/dist-mnist-worker-1',
    ]);
  });
});
