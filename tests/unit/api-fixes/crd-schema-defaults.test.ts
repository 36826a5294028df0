// CRD schema defaulting of TFJob and PyTorchJob (apiextensions-apiserver v0.35.0 pkg/apiserver/schema/defaulting
// algorithm.go `Default`, prunenulls.go `PruneNonNullableNullsWithoutDefaults`), with the defaults the
// Kubeflow Training Operator v1.9 CRDs declare (shared/data/kubeflow-training-v1.9, read here for the
// expected values). The operator's own controller-side defaults must not show up in the stored object.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCrdSchemaDefaults } from '../../../src/engine/defaults/kubeflow/crd-schema-defaults.ts';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { SHARED_DIR } from '../shared-dir.ts';
import { clone, dig, mustCreate, newApi, put, pyTorchJob, tfJob } from './helpers.ts';

type Node = { properties?: Record<string, Node>; items?: Node; additionalProperties?: Node | boolean; default?: unknown };

function crdSchema(file: string): Node {
  const text = readFileSync(join(SHARED_DIR, 'data', 'kubeflow-training-v1.9', file), 'utf8');
  const crd = readManifests(text).documents[0]!.value as { spec: { versions: { schema: { openAPIV3Schema: Node } }[] } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
}

/** Every `default` of a schema as `path = JSON value` (map values as {}, list items as []). */
function declaredDefaults(n: Node, path = ''): string[] {
  const out: string[] = [];
  if (n.default !== undefined) out.push(`${path} = ${JSON.stringify(n.default)}`);
  for (const [k, v] of Object.entries(n.properties ?? {})) out.push(...declaredDefaults(v, `${path}.${k}`));
  if (n.items) out.push(...declaredDefaults(n.items, `${path}[]`));
  if (typeof n.additionalProperties === 'object') out.push(...declaredDefaults(n.additionalProperties, `${path}{}`));
  return out;
}

const TF = crdSchema('kubeflow.org_tfjobs.yaml');
const PT = crdSchema('kubeflow.org_pytorchjobs.yaml');
const TF_DEFAULTS = declaredDefaults(TF);
const SUSPEND_DEFAULT = TF.properties!.spec!.properties!.runPolicy!.properties!.suspend!.default;
const PORT_PROTOCOL_DEFAULT = TF.properties!.spec!.properties!.tfReplicaSpecs!.additionalProperties as Node;
const PROTOCOL = (PORT_PROTOCOL_DEFAULT.properties!.template!.properties!.spec!.properties!.containers!.items!.properties!.ports!.items!.properties!.protocol!.default);

describe('the v1.9 CRDs', () => {
  it('declare runPolicy.suspend false and port protocol TCP (the defaults this file relies on)', () => {
    expect(SUSPEND_DEFAULT).toBe(false);
    expect(PROTOCOL).toBe('TCP');
    expect(TF_DEFAULTS).toContain('.spec.runPolicy.suspend = false');
    expect(declaredDefaults(PT)).toContain('.spec.runPolicy.suspend = false');
  });
});

describe('applyCrdSchemaDefaults', () => {
  it('defaults runPolicy.suspend only when runPolicy exists (a missing parent is not created)', () => {
    const without = applyCrdSchemaDefaults('TFJob', tfJob('a'));
    expect(dig(without, 'spec.runPolicy')).toBeUndefined();
    const withRun = applyCrdSchemaDefaults('TFJob', tfJob('a', { spec: { runPolicy: { cleanPodPolicy: 'All' } } }));
    expect(dig(withRun, 'spec.runPolicy')).toEqual({ cleanPodPolicy: 'All', suspend: SUSPEND_DEFAULT });
  });

  it('keeps a value that is set', () => {
    const job = applyCrdSchemaDefaults('TFJob', tfJob('a', { spec: { runPolicy: { suspend: true } } }));
    expect(dig(job, 'spec.runPolicy.suspend')).toBe(true);
  });

  it('defaults list items: every container port, in containers and initContainers, of every replica type', () => {
    const job = tfJob('a');
    put(job, 'spec.tfReplicaSpecs.PS', clone(dig(job, 'spec.tfReplicaSpecs.Worker')));
    put(job, 'spec.tfReplicaSpecs.PS.template.spec.initContainers', [{ name: 'init', image: 'busybox', ports: [{ containerPort: 9 }, { containerPort: 10, protocol: 'UDP' }] }]);
    const out = applyCrdSchemaDefaults('TFJob', job);
    expect(dig(out, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports')).toEqual([{ name: 'tfjob-port', containerPort: 2222, protocol: PROTOCOL }]);
    expect(dig(out, 'spec.tfReplicaSpecs.PS.template.spec.initContainers[0].ports')).toEqual([{ containerPort: 9, protocol: 'TCP' }, { containerPort: 10, protocol: 'UDP' }]);
  });

  it('a container without ports gets no ports list', () => {
    const job = tfJob('a');
    delete (dig(job, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0]') as Record<string, unknown>).ports;
    const out = applyCrdSchemaDefaults('TFJob', job);
    expect(dig(out, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0]')).not.toHaveProperty('ports');
  });

  it('fills the empty-string name of a configMapKeyRef, as the CRD declares (default: "")', () => {
    expect(TF_DEFAULTS).toContain('.spec.tfReplicaSpecs{}.template.spec.containers[].env[].valueFrom.configMapKeyRef.name = ""');
    const job = tfJob('a');
    put(job, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0].env', [{ name: 'X', valueFrom: { configMapKeyRef: { key: 'k' } } }]);
    const out = applyCrdSchemaDefaults('TFJob', job);
    expect(dig(out, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0].env[0].valueFrom.configMapKeyRef')).toEqual({ key: 'k', name: '' });
  });

  it('drops a null without default and replaces a null that has one (no field of these CRDs is nullable)', () => {
    const dropped = applyCrdSchemaDefaults('TFJob', tfJob('a', { spec: { runPolicy: null } }));
    expect(dig(dropped, 'spec')).not.toHaveProperty('runPolicy');
    const replaced = applyCrdSchemaDefaults('TFJob', tfJob('a', { spec: { runPolicy: { suspend: null, backoffLimit: null } } }));
    expect(dig(replaced, 'spec.runPolicy')).toEqual({ suspend: false });
  });

  it('leaves apiVersion, kind and metadata alone and does not change its input', () => {
    const input = tfJob('a', { metadata: { labels: { x: 'y' } } });
    const before = clone(input);
    const out = applyCrdSchemaDefaults('TFJob', input);
    expect(input).toEqual(before);
    expect([dig(out, 'apiVersion'), dig(out, 'kind'), dig(out, 'metadata')]).toEqual(['kubeflow.org/v1', 'TFJob', { name: 'a', labels: { x: 'y' } }]);
  });

  it('PyTorchJob gets the same treatment', () => {
    const out = applyCrdSchemaDefaults('PyTorchJob', pyTorchJob('d', { spec: { runPolicy: {} } }));
    expect(dig(out, 'spec.runPolicy')).toEqual({ suspend: false });
    expect(dig(out, 'spec.pytorchReplicaSpecs.Master.template.spec.containers[0].ports[0].protocol')).toBe('TCP');
  });
});

describe('on create through the API server', () => {
  it('the stored TFJob carries the CRD defaults and none of the operator defaults', () => {
    const api = newApi();
    const stored = mustCreate(api, tfJob('mnist', { spec: { runPolicy: { cleanPodPolicy: 'None' } } }), 'kubeflow');
    expect(dig(stored, 'spec.runPolicy')).toEqual({ cleanPodPolicy: 'None', suspend: false });
    expect(dig(stored, 'spec.tfReplicaSpecs.Worker.template.spec.containers[0].ports[0].protocol')).toBe('TCP');
    // controller-side only (reference kubeflow-training §1.1): restartPolicy Never, successPolicy ""
    expect(dig(stored, 'spec.tfReplicaSpecs.Worker')).not.toHaveProperty('restartPolicy');
    expect(dig(stored, 'spec')).not.toHaveProperty('successPolicy');
  });

  it('a replace applies them again', () => {
    const api = newApi();
    const next = clone(mustCreate(api, tfJob('mnist'), 'kubeflow')) as unknown as Record<string, unknown>;
    put(next, 'spec.runPolicy', { backoffLimit: 3 });
    const r = api.replace(next, { namespace: 'kubeflow' });
    expect(r.ok && dig(r.object, 'spec.runPolicy')).toEqual({ backoffLimit: 3, suspend: false });
  });
});
