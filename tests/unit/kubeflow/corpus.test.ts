import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyKubeflowDefaults } from '../../../src/engine/defaults/kubeflow/index.ts';
import { kubeflowAdmissionWarnings, validateKubeflowCreate } from '../../../src/engine/validate/kubeflow/index.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

// The real release-1.9 examples in /work/shared/corpus/kubeflow-training must be admitted (corpus README), and
// the controller sees them with the defaults of reference §1.1 / §5.1.
const DIR = `${CORPUS_DIR}/kubeflow-training`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const load = (f: string) => parse(readFileSync(join(DIR, f), 'utf8')) as { apiVersion: string; kind: string; [k: string]: any };

const EXPECTED = {
  TFJob: { specs: 'tfReplicaSpecs', container: 'tensorflow', port: { name: 'tfjob-port', containerPort: 2222 }, restartPolicy: 'Never' },
  PyTorchJob: { specs: 'pytorchReplicaSpecs', container: 'pytorch', port: { name: 'pytorchjob-port', containerPort: 23456 }, restartPolicy: 'OnFailure' },
} as const;

describe('corpus: every Training Operator example is admitted', () => {
  it('has the eight manifests', () => {
    expect(files).toHaveLength(8);
  });
  for (const f of files) {
    it(`${f}: no webhook errors, no warnings`, () => {
      const obj = load(f);
      expect(['TFJob', 'PyTorchJob']).toContain(obj.kind);
      expect(validateKubeflowCreate(obj)).toEqual([]);
      expect(kubeflowAdmissionWarnings(obj)).toEqual([]);
    });
  }
});

describe('corpus: defaulted form', () => {
  for (const f of files) {
    it(`${f}: defaults of its kind, user values kept`, () => {
      const obj = load(f);
      const want = EXPECTED[obj.kind as keyof typeof EXPECTED];
      const out = applyKubeflowDefaults(obj);
      expect(out.spec.runPolicy.cleanPodPolicy).toBe(obj.spec.runPolicy?.cleanPodPolicy ?? 'None');
      if (obj.kind === 'TFJob') expect(out.spec.successPolicy).toBe('');
      else expect(out.spec.nprocPerNode).toBe('auto');
      expect(Object.keys(out.spec[want.specs])).toEqual(Object.keys(obj.spec[want.specs]));
      for (const [type, given] of Object.entries<any>(obj.spec[want.specs])) {
        const got = out.spec[want.specs][type];
        expect(got.replicas).toBe(given.replicas ?? 1);
        expect(got.restartPolicy).toBe(given.restartPolicy ?? want.restartPolicy);
        const containers = got.template.spec.containers;
        const i = containers.findIndex((c: { name: string }) => c.name === want.container);
        expect(containers[i].ports).toEqual([...(given.template.spec.containers[i].ports ?? []), want.port]);
        // Everything else in the template is untouched.
        expect({ ...containers[i], ports: undefined }).toEqual({ ...given.template.spec.containers[i], ports: undefined });
      }
    });
  }

  it('tensorflow_simple.yaml in full', () => {
    expect(applyKubeflowDefaults(load('tensorflow_simple.yaml'))).toEqual({
      apiVersion: 'kubeflow.org/v1',
      kind: 'TFJob',
      metadata: { name: 'tfjob-simple', namespace: 'kubeflow' },
      spec: {
        runPolicy: { cleanPodPolicy: 'None' },
        successPolicy: '',
        tfReplicaSpecs: {
          Worker: {
            replicas: 2,
            restartPolicy: 'OnFailure',
            template: {
              spec: {
                containers: [{
                  name: 'tensorflow',
                  image: 'kubeflow/tf-mnist-with-summaries:latest',
                  command: ['python', '/var/tf_mnist/mnist_with_summaries.py'],
                  ports: [{ name: 'tfjob-port', containerPort: 2222 }],
                }],
              },
            },
          },
        },
      },
    });
  });

  it('pytorch_elastic_echo_echo.yaml keeps its elastic bounds and gets nprocPerNode auto', () => {
    const out = applyKubeflowDefaults(load('pytorch_elastic_echo_echo.yaml'));
    expect(out.spec.elasticPolicy).toEqual({ rdzvBackend: 'c10d', minReplicas: 1, maxReplicas: 2, maxRestarts: 100 });
    expect(out.spec.nprocPerNode).toBe('auto');
    expect(out.spec.pytorchReplicaSpecs.Worker).toMatchObject({ replicas: 2, restartPolicy: 'OnFailure' });
  });
});
