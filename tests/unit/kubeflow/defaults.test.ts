import { describe, expect, it } from 'vitest';
import { applyKubeflowDefaults } from '../../../src/engine/defaults/kubeflow/index.ts';
import { container, pytorchjob, replica, tfjob } from './fixtures.ts';

// Expected values: reference kubeflow-training.md §1.1 and §5.1; upstream release-1.9 tensorflow_defaults.go,
// pytorch_defaults.go, defaulting_utils.go and their _test.go files.
type Job = { spec: Record<string, any> };
const defaulted = (obj: unknown) => applyKubeflowDefaults(obj) as Job;

describe('TFJob defaults per replica type', () => {
  for (const type of ['PS', 'Worker', 'Chief', 'Evaluator', 'Master']) {
    it(`${type}: replicas 1, restartPolicy Never, port tfjob-port 2222 on the tensorflow container`, () => {
      const job = defaulted(tfjob({ [type]: replica([container('tensorflow')]) }));
      expect(job.spec.tfReplicaSpecs[type]).toEqual({
        replicas: 1,
        restartPolicy: 'Never',
        template: { spec: { containers: [{ name: 'tensorflow', image: 'img:1', ports: [{ name: 'tfjob-port', containerPort: 2222 }] }] } },
      });
    });
  }
  it('keeps given replicas and restartPolicy; an empty restartPolicy counts as unset', () => {
    const job = defaulted(tfjob({
      Worker: replica([container('tensorflow')], { replicas: 0, restartPolicy: 'OnFailure' }),
      PS: replica([container('tensorflow')], { restartPolicy: '' }),
    }));
    expect(job.spec.tfReplicaSpecs.Worker).toMatchObject({ replicas: 0, restartPolicy: 'OnFailure' });
    expect(job.spec.tfReplicaSpecs.PS).toMatchObject({ replicas: 1, restartPolicy: 'Never' });
  });
  it('does not touch the pod template restartPolicy (the replica one overrides it only when pods are made)', () => {
    const r = replica([container('tensorflow')]);
    (r.template.spec as Record<string, unknown>).restartPolicy = 'Always';
    expect(defaulted(tfjob({ Worker: r })).spec.tfReplicaSpecs.Worker.template.spec.restartPolicy).toBe('Always');
  });
});

describe('default port placement', () => {
  it('goes to the container named tensorflow even when it is not first', () => {
    const job = defaulted(tfjob({ Worker: replica([container('sidecar'), container('tensorflow')]) }));
    const [sidecar, tf] = job.spec.tfReplicaSpecs.Worker.template.spec.containers;
    expect(sidecar.ports).toBeUndefined();
    expect(tf.ports).toEqual([{ name: 'tfjob-port', containerPort: 2222 }]);
  });
  it('goes to container 0 when none has the name', () => {
    const job = defaulted(tfjob({ Foo: replica([container('a'), container('b')]) }));
    expect(job.spec.tfReplicaSpecs.Foo.template.spec.containers[0].ports).toEqual([{ name: 'tfjob-port', containerPort: 2222 }]);
  });
  it('is appended after custom ports (upstream test "set replicas adding default port")', () => {
    const job = defaulted(tfjob({ Worker: replica([container('tensorflow', 'img:1', { ports: [{ name: 'customPort', containerPort: 1234 }] })]) }));
    expect(job.spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports).toEqual([
      { name: 'customPort', containerPort: 1234 },
      { name: 'tfjob-port', containerPort: 2222 },
    ]);
  });
  it('is not added when a port of that name exists, whatever its number', () => {
    const job = defaulted(tfjob({ Worker: replica([container('tensorflow', 'img:1', { ports: [{ name: 'tfjob-port', containerPort: 3333 }] })]) }));
    expect(job.spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports).toEqual([{ name: 'tfjob-port', containerPort: 3333 }]);
  });
});

describe('TFJob job-level defaults', () => {
  it('cleanPodPolicy None (not Running), successPolicy ""', () => {
    const job = defaulted(tfjob({ Worker: replica([container('tensorflow')]) }));
    expect(job.spec.runPolicy).toEqual({ cleanPodPolicy: 'None' });
    expect(job.spec.successPolicy).toBe('');
  });
  it('keeps given values', () => {
    const job = defaulted(tfjob({ Worker: replica([container('tensorflow')]) }, {
      runPolicy: { cleanPodPolicy: 'All', backoffLimit: 3 }, successPolicy: 'AllWorkers',
    }));
    expect(job.spec.runPolicy).toEqual({ cleanPodPolicy: 'All', backoffLimit: 3 });
    expect(job.spec.successPolicy).toBe('AllWorkers');
  });
  it('normalizes replica type case (upstream TestSetTypeNames: WORKER → Worker)', () => {
    const job = defaulted(tfjob({
      WORKER: replica([container('tensorflow')]), ps: replica([container('tensorflow')]), evaluator: replica([container('tensorflow')]),
    }));
    expect(Object.keys(job.spec.tfReplicaSpecs)).toEqual(['Worker', 'PS', 'Evaluator']);
    expect(job.spec.tfReplicaSpecs.Worker.restartPolicy).toBe('Never');
  });
  it('an odd-case key replaces the exact one (delete, then assign)', () => {
    const job = defaulted(tfjob({ Worker: replica([container('tensorflow')], { replicas: 1 }), worker: replica([container('tensorflow')], { replicas: 5 }) }));
    expect(Object.keys(job.spec.tfReplicaSpecs)).toEqual(['Worker']);
    expect(job.spec.tfReplicaSpecs.Worker.replicas).toBe(5);
  });
});

describe('PyTorchJob defaults', () => {
  it('Master and Worker: replicas 1, restartPolicy OnFailure, port pytorchjob-port 23456; nprocPerNode auto; cleanPodPolicy None', () => {
    const job = defaulted(pytorchjob({ Master: replica([container('pytorch')]), Worker: replica([container('pytorch')]) }));
    for (const type of ['Master', 'Worker']) {
      expect(job.spec.pytorchReplicaSpecs[type]).toEqual({
        replicas: 1,
        restartPolicy: 'OnFailure',
        template: { spec: { containers: [{ name: 'pytorch', image: 'img:1', ports: [{ name: 'pytorchjob-port', containerPort: 23456 }] }] } },
      });
    }
    expect(job.spec.nprocPerNode).toBe('auto');
    expect(job.spec.runPolicy).toEqual({ cleanPodPolicy: 'None' });
    expect(job.spec.successPolicy).toBeUndefined();
    expect(job.spec.elasticPolicy).toBeUndefined();
  });
  it('keeps a given nprocPerNode', () => {
    expect(defaulted(pytorchjob({ Worker: replica([container('pytorch')]) }, { nprocPerNode: 'gpu' })).spec.nprocPerNode).toBe('gpu');
  });
  it('leaves nprocPerNode unset when the deprecated elasticPolicy.nProcPerNode is set', () => {
    const job = defaulted(pytorchjob({ Worker: replica([container('pytorch')]) }, { elasticPolicy: { nProcPerNode: 4 } }));
    expect(job.spec.nprocPerNode).toBeUndefined();
  });
  it('elasticPolicy: min/max copied from each other, or both from the Worker count', () => {
    const w = (replicas?: number) => replica([container('pytorch')], replicas === undefined ? {} : { replicas });
    expect(defaulted(pytorchjob({ Worker: w(3) }, { elasticPolicy: { minReplicas: 1, maxReplicas: 2 } })).spec.elasticPolicy)
      .toEqual({ minReplicas: 1, maxReplicas: 2 });
    expect(defaulted(pytorchjob({ Worker: w(3) }, { elasticPolicy: { maxReplicas: 4 } })).spec.elasticPolicy)
      .toEqual({ maxReplicas: 4, minReplicas: 4 });
    expect(defaulted(pytorchjob({ Worker: w(3) }, { elasticPolicy: { minReplicas: 2 } })).spec.elasticPolicy)
      .toEqual({ minReplicas: 2, maxReplicas: 2 });
    expect(defaulted(pytorchjob({ Worker: w(3) }, { elasticPolicy: {} })).spec.elasticPolicy)
      .toEqual({ minReplicas: 3, maxReplicas: 3 });
    // Replicas are defaulted first, so an unset Worker count gives 1.
    expect(defaulted(pytorchjob({ Worker: w() }, { elasticPolicy: { rdzvBackend: 'c10d' } })).spec.elasticPolicy)
      .toEqual({ rdzvBackend: 'c10d', minReplicas: 1, maxReplicas: 1 });
  });
  it('normalizes worker → Worker before using it for elasticPolicy', () => {
    const job = defaulted(pytorchjob({ worker: replica([container('pytorch')], { replicas: 2 }) }, { elasticPolicy: {} }));
    expect(Object.keys(job.spec.pytorchReplicaSpecs)).toEqual(['Worker']);
    expect(job.spec.elasticPolicy).toEqual({ minReplicas: 2, maxReplicas: 2 });
  });
});

describe('applyKubeflowDefaults as a function', () => {
  it('returns a new object and leaves the input alone', () => {
    const input = tfjob({ Worker: replica([container('tensorflow')]) });
    const before = structuredClone(input);
    const out = applyKubeflowDefaults(input);
    expect(out).not.toBe(input);
    expect(input).toEqual(before);
  });
  it('is idempotent', () => {
    const once = applyKubeflowDefaults(pytorchjob({ Master: replica([container('pytorch')]), Worker: replica([container('pytorch')]) }, { elasticPolicy: {} }));
    expect(applyKubeflowDefaults(once)).toEqual(once);
  });
  it('adds spec and runPolicy structs when absent (they are Go structs, not pointers)', () => {
    const job = tfjob(undefined);
    delete job.spec;
    expect(defaulted(job).spec).toEqual({ runPolicy: { cleanPodPolicy: 'None' }, successPolicy: '' });
  });
  it('leaves other kinds as they are', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'tensorflow' }] } };
    expect(applyKubeflowDefaults(pod)).toEqual(pod);
  });
});
