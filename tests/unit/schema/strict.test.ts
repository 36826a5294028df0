// Unknown fields with kubectl's default --validate=strict (server-side fieldValidation=Strict).
// Built-in kinds: reference §7.3 and sigs.k8s.io/json (strict paths keep indices, `strconv.Quote`).
// Custom resources: apiextensions-apiserver schemaCoercingDecoder (metadata unknown fields, then the
// pruned paths sorted, formatted `unknown field "%s"`).
import { describe, expect, it } from 'vitest';
import { checkStructure, formatStrictDecodingError } from '../../../src/engine/schema/check-structure.ts';
import { kindNamed } from '../../../src/engine/schema/kinds.ts';

const job = kindNamed('Job')!;
const pod = kindNamed('Pod')!;
const tfjob = kindNamed('TFJob')!;
const pytorchjob = kindNamed('PyTorchJob')!;

const jobDoc = (spec: Record<string, unknown>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec });

describe('unknown fields of built-in kinds', () => {
  it('reports one error per field with its path (§7.3)', () => {
    const errs = checkStructure(job, jobDoc({ template: { backoffLimit: 4, spec: { containers: [{ name: 'pi', image: 'perl' }] } } }));
    expect(errs).toEqual([
      expect.objectContaining({
        type: 'UnknownField',
        stage: 'strict',
        path: ['spec', 'template', 'backoffLimit'],
        field: 'spec.template.backoffLimit',
        message: 'unknown field "spec.template.backoffLimit"',
      }),
    ]);
    expect(formatStrictDecodingError(job, errs)).toBe(
      'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.template.backoffLimit"',
    );
  });

  it('keeps list indices in nested paths', () => {
    const doc = jobDoc({ template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'x' }, { name: 'pi', image: 'perl', cmmand: ['x'] }] } } });
    const errs = checkStructure(job, doc);
    expect(errs.map((e) => e.message)).toEqual(['unknown field "spec.template.spec.containers[1].cmmand"']);
    expect(errs[0].path).toEqual(['spec', 'template', 'spec', 'containers', 1, 'cmmand']);
  });

  it('joins several after one prefix, in the order the keys are sent (sorted)', () => {
    const errs = checkStructure(job, jobDoc({ b: 1, a: 2, template: {} }));
    expect(formatStrictDecodingError(job, errs)).toBe(
      'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.a", unknown field "spec.b"',
    );
  });

  it('matches field names case-sensitively', () => {
    expect(checkStructure(job, jobDoc({ BackoffLimit: 1, template: {} })).map((e) => e.message)).toEqual(['unknown field "spec.BackoffLimit"']);
  });

  it('does not look inside an unknown field, and reports each path once', () => {
    const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', bogus: { a: 1 } }, spec: { containers: [], extra: { deeper: { x: 1 } } } };
    expect(checkStructure(pod, doc).map((e) => e.message)).toEqual(['unknown field "metadata.bogus"', 'unknown field "spec.extra"']);
  });

  it('quotes the path like strconv.Quote', () => {
    const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], 'a"b': 1 } };
    expect(checkStructure(pod, doc)[0].message).toBe('unknown field "spec.a\\"b"');
  });

  it('stops collecting at 100', () => {
    const spec: Record<string, unknown> = { template: {} };
    for (let i = 0; i < 150; i++) spec[`x${String(i).padStart(3, '0')}`] = i;
    expect(checkStructure(job, jobDoc(spec))).toHaveLength(100);
  });
});

describe('unknown fields of custom resources', () => {
  const worker = (container: Record<string, unknown>) => ({
    replicas: 1,
    template: { spec: { containers: [{ name: 'tensorflow', image: 'tf', ...container }] } },
  });
  const tf = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'mnist' }) => ({
    apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata, spec,
  });

  it('reports pruned fields with map keys as `.key`, joined like the built-ins', () => {
    const errs = checkStructure(tfjob, tf({ tfReplicaSpecs: { Worker: worker({ cmmand: ['python'] }) } }));
    expect(errs).toEqual([
      expect.objectContaining({
        type: 'UnknownField',
        stage: 'strict',
        path: ['spec', 'tfReplicaSpecs', { key: 'Worker' }, 'template', 'spec', 'containers', 0, 'cmmand'],
        message: 'unknown field "spec.tfReplicaSpecs.Worker.template.spec.containers[0].cmmand"',
      }),
    ]);
    expect(formatStrictDecodingError(tfjob, errs)).toBe(
      'TFJob in version "v1" cannot be handled as a TFJob: strict decoding error: unknown field "spec.tfReplicaSpecs.Worker.template.spec.containers[0].cmmand"',
    );
  });

  it('lists metadata fields first, then the pruned paths sorted as strings', () => {
    const doc = { ...tf({ zeta: 1, tfReplicaSpecs: { Worker: worker({}) }, alpha: { x: 1 }, runPolicy: { bogus: true } }, { name: 'm', extra: 1 }), status: { nope: 1 } };
    expect(checkStructure(tfjob, doc).map((e) => e.message)).toEqual([
      'unknown field "metadata.extra"',
      'unknown field "spec.alpha"',
      'unknown field "spec.runPolicy.bogus"',
      'unknown field "spec.zeta"',
      'unknown field "status.nope"',
    ]);
  });

  it('prunes fields the CRD\'s own pod template lacks (its metadata has only name, namespace, labels, annotations, finalizers)', () => {
    const doc = tf({ tfReplicaSpecs: { Worker: { template: { metadata: { labels: { a: 'b' }, generateName: 'x' }, spec: { containers: [] } } } } });
    expect(checkStructure(tfjob, doc).map((e) => e.message)).toEqual(['unknown field "spec.tfReplicaSpecs.Worker.template.metadata.generateName"']);
  });

  it('reports top-level unknown fields and keeps apiVersion, kind and metadata', () => {
    const doc = { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'p' }, spec: { pytorchReplicaSpecs: {} }, extra: 1 };
    expect(checkStructure(pytorchjob, doc).map((e) => e.message)).toEqual(['unknown field "extra"']);
  });

  it('reports unknown fields before schema errors (400 before 422)', () => {
    const doc = tf({ runPolicy: { backoffLimit: 'x' }, tfReplicaSpecs: { Worker: worker({ foo: 1 }) } });
    expect(checkStructure(tfjob, doc).map((e) => e.stage)).toEqual(['strict']);
  });
});
