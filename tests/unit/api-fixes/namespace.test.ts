// The request namespace on create (apiserver v0.35.0 pkg/registry/rest/meta.go
// EnsureObjectNamespaceMatchesRequestNamespace, called by handlers/create.go right after decoding): a body
// without metadata.namespace takes the request's, for every kind (custom resources included); a body naming
// another namespace is a 400 "the namespace of the provided object does not match the namespace sent on the
// request"; a cluster-scoped object loses any namespace.
import { describe, expect, it } from 'vitest';
import { admitCreate, NAMESPACE_MISMATCH } from '../../../src/engine/api/admission.ts';
import { mustCreate, newApi, podManifest, pyTorchJob, tfJob } from './helpers.ts';

const MISMATCH = 'the namespace of the provided object does not match the namespace sent on the request';

describe('a body without a namespace takes the request namespace', () => {
  it('TFJob and PyTorchJob land in the request namespace, not in default', () => {
    const api = newApi();
    expect(mustCreate(api, tfJob('mnist'), 'kubeflow').metadata.namespace).toBe('kubeflow');
    expect(mustCreate(api, pyTorchJob('dist'), 'kubeflow').metadata.namespace).toBe('kubeflow');
    expect(api.get('TFJob', 'kubeflow', 'mnist')).toBeDefined();
    expect(api.get('TFJob', 'default', 'mnist')).toBeUndefined();
  });

  it('built-in kinds the defaulting does not know (ConfigMap, Service) too', () => {
    const api = newApi();
    const cm = mustCreate(api, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } }, 'team-a');
    const svc = mustCreate(api, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }, 'team-a');
    expect([cm.metadata.namespace, svc.metadata.namespace]).toEqual(['team-a', 'team-a']);
  });

  it('without any namespace the object goes to default', () => {
    const api = newApi();
    expect(mustCreate(api, tfJob('mnist')).metadata.namespace).toBe('default');
  });

  it('a body namespace is kept when the caller gave no request namespace', () => {
    // ApiServer.create without opts stands for "the request namespace is the body's" (kubectl sends the
    // object's own namespace in the URL).
    const api = newApi();
    expect(mustCreate(api, { ...tfJob('mnist'), metadata: { name: 'mnist', namespace: 'kubeflow' } }).metadata.namespace).toBe('kubeflow');
  });
});

describe('a body namespace that differs from the request namespace', () => {
  const bodies: [string, Record<string, unknown>][] = [
    ['Pod', podManifest('web', 'default')],
    ['Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }],
    ['ReplicaSet', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }],
    ['Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } }],
    ['CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } }],
    ['Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }],
    ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' } }],
    ['TFJob', { ...tfJob('mnist'), metadata: { name: 'mnist', namespace: 'default' } }],
    ['PyTorchJob', { ...pyTorchJob('dist'), metadata: { name: 'dist', namespace: 'default' } }],
  ];

  for (const [kind, body] of bodies) {
    it(`is refused for a ${kind} with 400 BadRequest`, () => {
      const r = newApi().create(body, { namespace: 'kubeflow' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect([r.error.reason, r.error.code, r.error.message]).toEqual(['BadRequest', 400, MISMATCH]);
    });
  }

  it('is refused by admitCreate when the caller says the namespace is the request own, even "default"', () => {
    const r = admitCreate(podManifest('web', 'kubeflow'), { uid: 'u', nameSuffix: 'abcde', namespace: 'default', namespaceIsExplicit: true });
    expect(r.ok ? '' : r.error.message).toBe(NAMESPACE_MISMATCH);
  });

  it('comes after decoding errors (the handler decodes first)', () => {
    const body = { ...podManifest('web', 'default'), spec: { containers: [{ name: 'web', image: 'nginx', bogus: 1 }] } };
    const r = newApi().create(body, { namespace: 'kubeflow' });
    expect(r.ok ? '' : r.error.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].bogus"');
  });

  it('comes before a custom resource schema error (schema validation runs in the strategy)', () => {
    const body = { ...tfJob('mnist'), metadata: { name: 'mnist', namespace: 'default' }, spec: { tfReplicaSpecs: { Worker: { replicas: 'one' } } } };
    const r = newApi().create(body, { namespace: 'kubeflow' });
    expect(r.ok ? '' : r.error.message).toBe(MISMATCH);
    // the same body in its own namespace fails on the schema instead
    const own = newApi().create(body, { namespace: 'default' });
    expect(own.ok ? '' : own.error.reason).toBe('Invalid');
  });

  it('a matching body namespace is fine', () => {
    const api = newApi();
    expect(mustCreate(api, podManifest('web', 'kubeflow'), 'kubeflow').metadata.namespace).toBe('kubeflow');
  });
});
