import { describe, expect, it } from 'vitest';
import {
  KINDS, kindForResource, kindNamed, missingKindMessage, resolveKind, resourceMappingNotFound,
} from '../../../src/engine/schema/kinds.ts';

const STOP = 'if you choose to ignore these errors, turn validation off with --validate=false';

function failure(apiVersion: unknown, kind: unknown) {
  const r = resolveKind(apiVersion, kind, { apiVersion, kind });
  if (r.ok) throw new Error(`resolved ${String(apiVersion)} ${String(kind)}`);
  return r;
}

describe('kind registry', () => {
  it('has the twelve kinds with discovery names (kubectl api-resources of the 1.35 oracle)', () => {
    const rows = KINDS.map((k) => [k.resource, k.shortNames.join(','), k.apiVersion, k.namespaced, k.kind, k.categories.join(',')]);
    expect(rows).toEqual([
      ['pods', 'po', 'v1', true, 'Pod', 'all'],
      ['replicasets', 'rs', 'apps/v1', true, 'ReplicaSet', 'all'],
      ['deployments', 'deploy', 'apps/v1', true, 'Deployment', 'all'],
      ['jobs', '', 'batch/v1', true, 'Job', 'all'],
      ['cronjobs', 'cj', 'batch/v1', true, 'CronJob', 'all'],
      ['nodes', 'no', 'v1', false, 'Node', ''],
      ['services', 'svc', 'v1', true, 'Service', 'all'],
      ['namespaces', 'ns', 'v1', false, 'Namespace', ''],
      ['configmaps', 'cm', 'v1', true, 'ConfigMap', ''],
      ['events', 'ev', 'v1', true, 'Event', ''],
      ['tfjobs', '', 'kubeflow.org/v1', true, 'TFJob', ''],
      ['pytorchjobs', '', 'kubeflow.org/v1', true, 'PyTorchJob', ''],
    ]);
    expect(kindNamed('CronJob')).toMatchObject({ group: 'batch', version: 'v1', singular: 'cronjob', source: 'builtin' });
    expect(kindNamed('TFJob')).toMatchObject({ group: 'kubeflow.org', singular: 'tfjob', source: 'crd' });
  });

  it('finds kinds by resource, singular, short name or kind', () => {
    expect(kindForResource('deploy')?.kind).toBe('Deployment');
    expect(kindForResource('pytorchjobs')?.kind).toBe('PyTorchJob');
    expect(kindForResource('Job')?.kind).toBe('Job');
    expect(kindForResource('cj')?.kind).toBe('CronJob');
    expect(kindForResource('statefulsets')).toBeUndefined();
    expect(kindForResource('jobs.batch')?.kind).toBe('Job');
    expect(kindForResource('tfjobs.v1.kubeflow.org')?.kind).toBe('TFJob');
    expect(kindForResource('jobs.apps')).toBeUndefined();
  });
});

describe('resolveKind', () => {
  it('resolves the served versions', () => {
    for (const k of KINDS) {
      const r = resolveKind(k.apiVersion, k.kind);
      expect(r.ok && r.entry.kind).toBe(k.kind);
    }
  });

  it('reports removed versions as kubectl does (corpus README; apimachinery NoKindMatchError)', () => {
    const cases: [string, string][] = [
      ['batch/v1beta1', 'CronJob'],
      ['extensions/v1beta1', 'Deployment'],
      ['extensions/v1beta1', 'ReplicaSet'],
      ['apps/v1beta1', 'Deployment'],
      ['apps/v1beta2', 'Deployment'],
      ['apps/v1beta2', 'ReplicaSet'],
      ['kubeflow.org/v1beta2', 'TFJob'],
      ['kubeflow.org/v1beta2', 'PyTorchJob'],
      ['v1', 'Deployment'],
    ];
    for (const [apiVersion, kind] of cases) {
      const r = failure(apiVersion, kind);
      expect(r.step).toBe('mapping');
      expect(r.error.type).toBe('NoKindMatch');
      expect(r.error.message).toBe(`no matches for kind "${kind}" in version "${apiVersion}"`);
    }
  });

  it('matches kinds case-sensitively', () => {
    expect(failure('apps/v1', 'deployment').error.message).toBe('no matches for kind "deployment" in version "apps/v1"');
  });

  it('words the whole kubectl line for a mapping failure', () => {
    const msg = failure('batch/v1beta1', 'CronJob').error.message;
    expect(resourceMappingNotFound(msg, 'hello', '', 'cronjob.yaml')).toBe(
      'resource mapping not found for name: "hello" namespace: "" from "cronjob.yaml": ' +
        'no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first',
    );
  });

  it('fails client-side validation for a missing or non-string apiVersion/kind (kubectl pkg/validation getObjectKind)', () => {
    const a = failure(undefined, 'Pod');
    expect(a.step).toBe('validation');
    expect(a.error.type).toBe('FieldValueRequired');
    expect(a.error.message).toBe(`error validating data: apiVersion not set; ${STOP}`);
    expect(failure('v1', undefined).error.message).toBe(`error validating data: kind not set; ${STOP}`);
    expect(failure(null, null).error.message).toBe(`error validating data: [apiVersion not set, kind not set]; ${STOP}`);
    const b = failure(1, 'Pod');
    expect(b.error.message).toBe(`error validating data: apiVersion isn't string type; ${STOP}`);
    expect(b.error.path).toEqual(['apiVersion']);
    expect(failure('v1', true).error.message).toBe(`error validating data: kind isn't string type; ${STOP}`);
    expect(failure('a/b/c', 'Pod').error.message).toBe(`error validating data: unexpected GroupVersion string: a/b/c; ${STOP}`);
  });

  it('reports an empty kind as the decoder does (Object \'Kind\' is missing)', () => {
    const doc = { apiVersion: 'v1', kind: '', metadata: { name: 'x' } };
    const r = resolveKind(doc.apiVersion, doc.kind, doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.step).toBe('decode');
      expect(r.error.message).toBe(`Object 'Kind' is missing in '{"apiVersion":"v1","kind":"","metadata":{"name":"x"}}'`);
    }
    expect(missingKindMessage({ b: 1, a: '<' })).toBe(`Object 'Kind' is missing in '{"a":"\\u003c","b":1}'`);
  });

  it('uses the preferred version when the version is empty (RESTMapper default versions)', () => {
    const pod = resolveKind('', 'Pod');
    expect(pod.ok && pod.entry.apiVersion).toBe('v1');
    const dep = resolveKind('apps/', 'Deployment');
    expect(dep.ok && dep.entry.apiVersion).toBe('apps/v1');
    expect(failure('', 'Deployment').error.message).toBe('no matches for kind "Deployment" in version ""');
  });

  it('flags kinds a 1.35 cluster serves but the lab does not simulate', () => {
    const r = failure('apps/v1', 'StatefulSet');
    expect(r.notSimulated).toBe(true);
    expect(r.error.type).toBe('NoKindMatch');
    expect(failure('v1', 'Secret').notSimulated).toBe(true);
    expect(failure('batch/v1beta1', 'CronJob').notSimulated).toBeUndefined();
  });
});
