// Schema validation of custom resources (422 Invalid). Expected texts from kube-openapi
// pkg/validation (errors/schema.go message formats, validate/type.go) as converted by
// apiextensions-apiserver kubeOpenAPIResultToFieldErrors, and the field error formats of
// reference §7.1. The CRD schemas come from shared/data (reference kubeflow-training.md §7).
import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../../src/engine/schema/check-structure.ts';
import { validateCustomResource } from '../../../src/engine/schema/crd-openapi.ts';
import { kindNamed } from '../../../src/engine/schema/kinds.ts';
import type { SchemaNode } from '../../../src/engine/schema/schemas.ts';

const tfjob = kindNamed('TFJob')!;
const pytorchjob = kindNamed('PyTorchJob')!;

const container = (extra: Record<string, unknown> = {}) => ({ name: 'tensorflow', image: 'tf', ...extra });
const tf = (spec: Record<string, unknown>) => ({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 'mnist' }, spec });
const workers = (worker: Record<string, unknown>) => ({ tfReplicaSpecs: { Worker: { replicas: 1, template: { spec: { containers: [container()] } } }, ...worker } });

function messages(doc: unknown, entry = tfjob): string[] {
  const errs = checkStructure(entry, doc);
  for (const e of errs) expect(e.stage).toBe('validation');
  return errs.map((e) => e.message);
}

describe('custom resource validation', () => {
  it('words type errors as the API server does (type name as the value)', () => {
    expect(messages(tf({ ...workers({}), runPolicy: { backoffLimit: 'x' } }))).toEqual([
      'spec.runPolicy.backoffLimit: Invalid value: "string": spec.runPolicy.backoffLimit in body must be of type integer: "string"',
    ]);
    const errs = checkStructure(tfjob, tf({ ...workers({}), runPolicy: { backoffLimit: 'x' } }));
    expect(errs[0]).toMatchObject({ type: 'FieldValueTypeInvalid', path: ['spec', 'runPolicy', 'backoffLimit'], field: 'spec.runPolicy.backoffLimit' });
  });

  it('does not enforce int32/int64 formats, only integer-ness (formats are stripped for CRs)', () => {
    expect(messages(tf({ ...workers({}), runPolicy: { backoffLimit: 3000000000, activeDeadlineSeconds: true, cleanPodPolicy: 5 } }))).toEqual([
      'spec.runPolicy.activeDeadlineSeconds: Invalid value: "boolean": spec.runPolicy.activeDeadlineSeconds in body must be of type integer: "boolean"',
      'spec.runPolicy.cleanPodPolicy: Invalid value: "integer": spec.runPolicy.cleanPodPolicy in body must be of type string: "integer"',
    ]);
    expect(messages(tf({ tfReplicaSpecs: { Worker: { replicas: 1.5, template: { spec: { containers: [container()] } } } } }))).toEqual([
      'spec.tfReplicaSpecs.Worker.replicas: Invalid value: "number": spec.tfReplicaSpecs.Worker.replicas in body must be of type integer: "number"',
    ]);
  });

  it('reports required fields (kubeflow-training.md §7)', () => {
    expect(messages(tf({}))).toEqual(['spec.tfReplicaSpecs: Required value']);
    const doc = tf({ tfReplicaSpecs: { Worker: { template: { spec: { containers: [{ image: 'x', ports: [{ name: 'p' }] }] } } } } });
    expect(messages(doc)).toEqual([
      'spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports[0].containerPort: Required value',
      'spec.tfReplicaSpecs.Worker.template.spec.containers[0].name: Required value',
    ]);
    const noContainers = tf({ tfReplicaSpecs: { Chief: { template: { spec: {} } } } });
    expect(messages(noContainers)).toEqual(['spec.tfReplicaSpecs.Chief.template.spec.containers: Required value']);
  });

  it('accepts any replica name and any policy string (no enums in the CRDs)', () => {
    expect(messages(tf({ ...workers({ Foo: { replicas: 2, restartPolicy: 'Sometimes', template: { spec: { containers: [container()] } } } }), runPolicy: { cleanPodPolicy: 'Whatever' } }))).toEqual([]);
  });

  it('checks quantity strings against the CRD pattern and rejects float quantities (int-or-string)', () => {
    const res = (limits: Record<string, unknown>) => tf({ tfReplicaSpecs: { Worker: { template: { spec: { containers: [container({ resources: { limits } })] } } } } });
    expect(messages(res({ cpu: '500m', memory: 1073741824 }))).toEqual([]);
    const p = 'spec.tfReplicaSpecs.Worker.template.spec.containers[0].resources.limits.cpu';
    expect(messages(res({ cpu: 'abc' }))).toEqual([
      `${p}: Invalid value: "abc": ${p} in body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'`,
    ]);
    expect(messages(res({ cpu: 0.5 }))).toEqual([
      `${p}: Invalid value: "number": ${p} in body must be of type integer,string: "number"`,
      `: Invalid value: "": "${p}" must validate at least one schema (anyOf)`,
      `${p}: Invalid value: "number": ${p} in body must be of type integer: "number"`,
    ]);
  });

  it('finds duplicate list-map keys after defaulting protocol to TCP (field paths print map keys as [key])', () => {
    const doc = tf({ tfReplicaSpecs: { Worker: { template: { spec: { containers: [container({ ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }, { containerPort: 80, protocol: 'UDP' }] })] } } } } });
    expect(messages(doc)).toEqual([
      'spec.tfReplicaSpecs[Worker].template.spec.containers[0].ports[1]: Duplicate value: {"containerPort":80,"protocol":"TCP"}',
    ]);
  });

  it('checks the scale subresource replicas of PyTorchJob', () => {
    const pt = (replicas: unknown) => ({
      apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'p' },
      spec: { pytorchReplicaSpecs: { Worker: { replicas, template: { spec: { containers: [{ name: 'pytorch', image: 'x' }] } } } } },
    });
    expect(messages(pt(2), pytorchjob)).toEqual([]);
    expect(messages(pt(-1), pytorchjob)).toEqual(['.spec.pytorchReplicaSpecs.Worker.replicas: Invalid value: -1: should be a non-negative integer']);
    expect(messages(pt(3000000000), pytorchjob)).toEqual([
      '.spec.pytorchReplicaSpecs.Worker.replicas: Invalid value: 3000000000: should be less than or equal to 2147483647',
    ]);
    expect(messages(pt('2'), pytorchjob)).toEqual([
      'spec.pytorchReplicaSpecs.Worker.replicas: Invalid value: "string": spec.pytorchReplicaSpecs.Worker.replicas in body must be of type integer: "string"',
      '.spec.pytorchReplicaSpecs.Worker.replicas: Invalid value: 0: .spec.pytorchReplicaSpecs.Worker.replicas accessor error: 2 is of the type string, expected int64',
    ]);
  });

  it('leaves status alone on create (status subresource) but types nested nulls', () => {
    const doc = { ...tf(workers({})), status: { conditions: 'nope' } };
    expect(messages(doc)).toEqual([]);
    const nulls = tf({ tfReplicaSpecs: { Worker: { replicas: null, template: { spec: { containers: [container({ args: ['a', null] })] } } } } });
    expect(messages(nulls)).toEqual([
      'spec.tfReplicaSpecs.Worker.template.spec.containers[0].args[1]: Invalid value: "null": spec.tfReplicaSpecs.Worker.template.spec.containers[0].args[1] in body must be of type string: "null"',
    ]);
  });
});

describe('kube-openapi rules the CRDs do not use', () => {
  const schema: SchemaNode = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['mode'],
        properties: {
          mode: { type: 'string', enum: ['Fast', 'Slow'] },
          count: { type: 'integer', minimum: 1, maximum: 10 },
          name: { type: 'string', maxLength: 3 },
          tags: { type: 'array', maxItems: 1, items: { type: 'string' } },
        },
      },
    },
  };
  const check = (spec: unknown) => validateCustomResource({ spec }, schema, false).map((e) => e.message);

  it('words enums, bounds and lengths like the API server', () => {
    expect(check({ mode: 'Medium' })).toEqual(['spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"']);
    expect(check({ mode: 'Fast', count: 0 })).toEqual(['spec.count: Invalid value: 0: spec.count in body should be greater than or equal to 1']);
    expect(check({ mode: 'Fast', count: 11 })).toEqual(['spec.count: Invalid value: 11: spec.count in body should be less than or equal to 10']);
    expect(check({ mode: 'Fast', name: 'abcd' })).toEqual(['spec.name: Too long: may not be more than 3 bytes']);
    expect(check({ mode: 'Fast', tags: ['a', 'b'] })).toEqual(['spec.tags: Too many: 2: must have at most 1 item']);
    expect(check({})).toEqual(['spec.mode: Required value']);
  });
});
