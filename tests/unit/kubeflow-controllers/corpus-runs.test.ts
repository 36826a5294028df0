// Every Training Operator example of the corpus (shared/corpus/kubeflow-training, release-1.9 examples) runs to
// completion on the default cluster once the test gives its containers a behaviour (notes/cli.md: each replica
// runs 30 s and exits 0): one pod and one headless Service per replica named `<job>-<type>-<index>`, the job
// Succeeded with its kind's message (reference §4.1, §5.5), every pod Succeeded, nothing left to do.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isObject } from '../../../src/engine/validate/kubeflow/kinds.ts';
import { apply, behave, cluster, condition, conditionShape, corpusManifest, duration, job, KUBEFLOW_CORPUS, names, pods, services } from './helpers.ts';

const files = readdirSync(KUBEFLOW_CORPUS).filter((f) => f.endsWith('.yaml')).sort();

function expectedNames(m: ReturnType<typeof corpusManifest>): string[] {
  const specs = (m.spec.tfReplicaSpecs ?? m.spec.pytorchReplicaSpecs) as Record<string, { replicas?: number }>;
  const out: string[] = [];
  for (const [type, s] of Object.entries(specs)) for (let i = 0; i < (s.replicas ?? 1); i++) out.push(`${m.metadata.name}-${type.toLowerCase()}-${i}`);
  return out.sort();
}

function successMessage(m: ReturnType<typeof corpusManifest>, ns: string): string {
  const name = m.metadata.name;
  if (m.kind === 'TFJob') return `TFJob ${ns}/${name} successfully completed.`;
  const specs = m.spec.pytorchReplicaSpecs as Record<string, unknown>;
  return isObject(specs.Master) ? `PyTorchJob ${name} is successfully completed.` : `PyTorchJob ${ns}/${name} successfully completed.`;
}

describe('corpus: every Kubeflow example runs to completion', () => {
  it('has the eight manifests', () => {
    expect(files).toHaveLength(8);
  });
  for (const f of files) {
    it(f, () => {
      const sim = cluster();
      const m = behave(corpusManifest(f), '*', duration('30s'));
      const ns = m.metadata.namespace ?? 'default';
      apply(sim, m);
      sim.runFor(1_000);
      expect(names(pods(sim, ns))).toEqual(expectedNames(m));
      expect(names(services(sim, ns))).toEqual(expectedNames(m));
      sim.runUntilIdle(3_600_000);
      const j = job(sim, m.kind, m.metadata.name, ns);
      expect(condition(j, 'Succeeded')).toMatchObject({ status: 'True', reason: `${m.kind}Succeeded`, message: successMessage(m, ns) });
      expect(conditionShape(j)).toEqual(['Created=True', 'Running=False', 'Succeeded=True']);
      expect(pods(sim, ns).map((p) => p.status?.phase)).toEqual(expectedNames(m).map(() => 'Succeeded'));
      expect(sim.clock.hasForegroundWork).toBe(false);
    });
  }
});
