// TF_CONFIG exactly as reference §3 gives it (release-1.9 tensorflow.go, pod_test.go "Test ClusterSpec",
// tensorflow_test.go): dense form with sorted keys and `environment: cloud`, Evaluator listed, the sparse form
// with enableDynamicWorker, and only the `tensorflow` container carries it.
import { describe, expect, it } from 'vitest';
import { apply, cluster, envOf, pod, tfjob } from './helpers.ts';

describe('dense TF_CONFIG (§3.2)', () => {
  it('the worked example: dist-mnist in kubeflow, Chief ×1, PS ×1, Worker ×2', () => {
    const sim = cluster();
    apply(sim, tfjob('dist-mnist', { Chief: {}, PS: {}, Worker: { replicas: 2 } }, {}, 'kubeflow'));
    sim.runFor(100);
    expect(envOf(pod(sim, 'dist-mnist-worker-1', 'kubeflow'))).toEqual([{
      name: 'TF_CONFIG',
      value: '{"cluster":{"chief":["dist-mnist-chief-0.kubeflow.svc:2222"],"ps":["dist-mnist-ps-0.kubeflow.svc:2222"],"worker":["dist-mnist-worker-0.kubeflow.svc:2222","dist-mnist-worker-1.kubeflow.svc:2222"]},"task":{"type":"worker","index":1},"environment":"cloud"}',
    }]);
    expect(envOf(pod(sim, 'dist-mnist-chief-0', 'kubeflow'))![0]!.value).toBe(
      '{"cluster":{"chief":["dist-mnist-chief-0.kubeflow.svc:2222"],"ps":["dist-mnist-ps-0.kubeflow.svc:2222"],"worker":["dist-mnist-worker-0.kubeflow.svc:2222","dist-mnist-worker-1.kubeflow.svc:2222"]},"task":{"type":"chief","index":0},"environment":"cloud"}',
    );
  });

  it('the test-verified form with an Evaluator (namespace ns3)', () => {
    const sim = cluster();
    apply(sim, tfjob('tf', { Worker: {}, PS: {}, Evaluator: {} }, {}, 'ns3'));
    sim.runFor(100);
    expect(envOf(pod(sim, 'tf-worker-0', 'ns3'))![0]!.value).toBe(
      '{"cluster":{"evaluator":["tf-evaluator-0.ns3.svc:2222"],"ps":["tf-ps-0.ns3.svc:2222"],"worker":["tf-worker-0.ns3.svc:2222"]},"task":{"type":"worker","index":0},"environment":"cloud"}',
    );
    // Every replica gets its Service, the Evaluator's included (§2.2).
    expect(sim.api.list('Service', { namespace: 'ns3' }).map((s) => s.metadata.name)).toEqual(['tf-evaluator-0', 'tf-ps-0', 'tf-worker-0']);
  });

  it('a type with 0 replicas yields [] and a custom tfjob-port is used; TF_CONFIG goes after the user env of the tensorflow container only', () => {
    const sim = cluster();
    const m = tfjob('p', { PS: { replicas: 0 }, Worker: { replicas: 2 } });
    const worker = (m.spec.tfReplicaSpecs as Record<string, { template: { spec: { containers: Record<string, unknown>[] } } }>).Worker.template.spec;
    worker.containers = [
      { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '3600'] },
      { name: 'tensorflow', image: 'kubeflow/tf-dist-mnist-test:latest', env: [{ name: 'A', value: '1' }], ports: [{ name: 'tfjob-port', containerPort: 3333 }] },
    ];
    apply(sim, m);
    sim.runFor(100);
    const p = pod(sim, 'p-worker-0')!;
    expect(envOf(p, 0)).toBeUndefined();
    expect(envOf(p, 1)).toEqual([
      { name: 'A', value: '1' },
      { name: 'TF_CONFIG', value: '{"cluster":{"ps":[],"worker":["p-worker-0.default.svc:3333","p-worker-1.default.svc:3333"]},"task":{"type":"worker","index":0},"environment":"cloud"}' },
    ]);
  });
});

describe('sparse TF_CONFIG with enableDynamicWorker (§3.3)', () => {
  it('worker i: its own address under "<i>" and the PS list; ps i: {} and its own address', () => {
    const sim = cluster();
    apply(sim, tfjob('dist-mnist', { PS: {}, Worker: { replicas: 2 } }, { enableDynamicWorker: true }, 'kubeflow'));
    sim.runFor(100);
    expect(envOf(pod(sim, 'dist-mnist-worker-1', 'kubeflow'))![0]!.value).toBe(
      '{"cluster":{"worker":{"1":"dist-mnist-worker-1.kubeflow.svc:2222"},"ps":["dist-mnist-ps-0.kubeflow.svc:2222"]},"task":{"type":"worker","index":1}}',
    );
    expect(envOf(pod(sim, 'dist-mnist-ps-0', 'kubeflow'))![0]!.value).toBe('{"cluster":{"worker":{},"ps":["dist-mnist-ps-0.kubeflow.svc:2222"]},"task":{"type":"ps","index":0}}');
  });

  it('workers of a job without PS get "ps":null; other types get {} and []', () => {
    const sim = cluster();
    apply(sim, tfjob('sp', { Chief: {}, Worker: {} }, { enableDynamicWorker: true }));
    sim.runFor(100);
    expect(envOf(pod(sim, 'sp-worker-0'))![0]!.value).toBe('{"cluster":{"worker":{"0":"sp-worker-0.default.svc:2222"},"ps":null},"task":{"type":"worker","index":0}}');
    expect(envOf(pod(sim, 'sp-chief-0'))![0]!.value).toBe('{"cluster":{"worker":{},"ps":[]},"task":{"type":"chief","index":0}}');
  });
});
