// Update-time validation (src/engine/validate/update), checked through admitReplace/admitUpdate as the API
// server's replace path will call them. Expected texts: reference kubernetes-workloads §2.4, §3.2, §4.3
// ("Updates"), §7.1-7.2; upstream pkg/apis/batch/validation ValidateJobSpecUpdate/validateCompletions/
// validatePodTemplateUpdate, pkg/apis/apps strategies (selector immutability), pkg/apis/core/validation
// ValidatePodUpdate (updatablePodSpecFields, joined with ","), validateUpgradeDowngradeClusterIPs.
import { describe, expect, it } from 'vitest';
import { admitReplace, admitUpdate } from '../../../src/engine/api/admission.ts';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import { kindNamed } from '../../../src/engine/schema/index.ts';
import { validateUpdate } from '../../../src/engine/validate/update/index.ts';
import { clone, dig, mustCreate, newApi, podManifest, put } from './helpers.ts';

const IMMUTABLE = 'field is immutable';

function replaceError(current: KubeObject, change: (next: Record<string, unknown>) => void): string | null {
  const next = clone(current) as unknown as Record<string, unknown>;
  change(next);
  const r = admitReplace(next, current, { uid: current.metadata.uid ?? '', nameSuffix: '', namespace: current.metadata.namespace ?? 'default' });
  return r.ok ? null : r.error.message;
}

function causes(current: KubeObject, change: (next: Record<string, unknown>) => void): string[] {
  const next = clone(current) as unknown as Record<string, unknown>;
  change(next);
  const r = admitReplace(next, current, { uid: current.metadata.uid ?? '', nameSuffix: '', namespace: current.metadata.namespace ?? 'default' });
  return r.ok ? [] : r.errors.map((e) => e.message);
}

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
};

describe('Deployment and ReplicaSet', () => {
  it('refuse a selector change with the apps/v1 immutable error (422, as a create\'s Invalid)', () => {
    const current = mustCreate(newApi(), deployment);
    const next = clone(current);
    put(next, 'spec.selector', { matchLabels: { app: 'web', tier: 'fe' } });
    const error = admitUpdate(kindNamed('Deployment')!, current, next);
    expect(error?.reason).toBe('Invalid');
    expect(error?.code).toBe(422);
    expect(error?.message).toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable');
    expect(error?.details?.causes?.map((c) => c.field)).toEqual(['spec.selector']);
  });

  it('accept replicas, template and an equivalent selector ({} matchExpressions = none)', () => {
    const current = mustCreate(newApi(), deployment);
    expect(replaceError(current, (n) => {
      put(n, 'spec.replicas', 5);
      put(n, 'spec.template.spec.containers[0].image', 'nginx:1.28');
      put(n, 'spec.selector', { matchLabels: { app: 'web' }, matchExpressions: [] });
    })).toBeNull();
  });

  it('ReplicaSet: same rule', () => {
    const rs = { ...deployment, kind: 'ReplicaSet' };
    const current = mustCreate(newApi(), rs);
    expect(replaceError(current, (n) => put(n, 'spec.selector', { matchLabels: { app: 'other' } }))).toBe(
      'ReplicaSet.apps "web" is invalid: [spec.template.metadata.labels: Invalid value: {"app":"web","tier":"fe"}: `selector` does not match template `labels`, spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable]',
    );
  });
});

const job = {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } } },
};

describe('Job', () => {
  it('refuses a template change, printing the whole internal pod template (Go field names)', () => {
    const current = mustCreate(newApi(), job);
    const message = replaceError(current, (n) => put(n, 'spec.template.spec.containers[0].image', 'perl:5.36'));
    expect(message).not.toBeNull();
    const prefix = 'Job.batch "pi" is invalid: spec.template: Invalid value: ';
    const suffix = `: ${IMMUTABLE}`;
    expect(message!.startsWith(prefix) && message!.endsWith(suffix)).toBe(true);
    const value = JSON.parse(message!.slice(prefix.length, -suffix.length)) as Record<string, unknown>;
    // §7.1: `{"labels":{…},"Spec":{"Volumes":null,…}}`, ObjectMeta flattened, no zero creationTimestamp
    expect(Object.keys(value)).toEqual(['labels', 'Spec']);
    expect(Object.keys(value.Spec as object).slice(0, 4)).toEqual(['Volumes', 'InitContainers', 'Containers', 'EphemeralContainers']);
    expect(dig(value, 'Spec.Volumes')).toBeNull();
    expect(dig(value, 'Spec.Containers[0].Image')).toBe('perl:5.36');
    expect(dig(value, 'Spec.Containers[0].Name')).toBe('pi');
    expect(dig(value, 'Spec.RestartPolicy')).toBe('Never');
    expect((value.labels as Record<string, string>)['batch.kubernetes.io/job-name']).toBe('pi');
  });

  it('refuses a completions change of a NonIndexed Job (§4.3: `spec.completions: Invalid value: 5: field is immutable`)', () => {
    const current = mustCreate(newApi(), { ...job, spec: { ...job.spec, completions: 3 } });
    expect(causes(current, (n) => put(n, 'spec.completions', 5))).toEqual(['spec.completions: Invalid value: 5: field is immutable']);
  });

  it('lets an Indexed Job change completions only together with parallelism', () => {
    const current = mustCreate(newApi(), { ...job, spec: { ...job.spec, completionMode: 'Indexed', completions: 3, parallelism: 3 } });
    expect(causes(current, (n) => put(n, 'spec.completions', 5))).toEqual(['spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism']);
    expect(causes(current, (n) => { put(n, 'spec.completions', 5); put(n, 'spec.parallelism', 5); })).toEqual([]);
  });

  it('refuses selector, completionMode and managedBy changes', () => {
    const current = mustCreate(newApi(), { ...job, spec: { ...job.spec, completions: 2 } });
    const selector = dig(current, 'spec.selector') as { matchLabels: Record<string, string> };
    expect(causes(current, (n) => put(n, 'spec.selector', { matchLabels: { ...selector.matchLabels, extra: 'x' } }))).toContain(
      `spec.selector: Invalid value: ${JSON.stringify({ matchLabels: { ...selector.matchLabels, extra: 'x' } })}: ${IMMUTABLE}`,
    );
    expect(causes(current, (n) => put(n, 'spec.completionMode', 'Indexed'))).toEqual([`spec.completionMode: Invalid value: "Indexed": ${IMMUTABLE}`]);
    expect(causes(current, (n) => put(n, 'spec.managedBy', 'example.com/queue'))).toEqual([`spec.managedBy: Invalid value: "example.com/queue": ${IMMUTABLE}`]);
  });

  it('accepts the mutable fields: parallelism, suspend, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished', () => {
    const current = mustCreate(newApi(), job);
    expect(causes(current, (n) => {
      put(n, 'spec.parallelism', 4);
      put(n, 'spec.suspend', true);
      put(n, 'spec.activeDeadlineSeconds', 60);
      put(n, 'spec.backoffLimit', 2);
      put(n, 'spec.ttlSecondsAfterFinished', 100);
    })).toEqual([]);
  });

  it('a suspended Job that never started may change scheduling directives and template labels, not the image', () => {
    const current = mustCreate(newApi(), { ...job, spec: { ...job.spec, suspend: true } });
    expect(causes(current, (n) => {
      put(n, 'spec.template.spec.nodeSelector', { disk: 'ssd' });
      put(n, 'spec.template.spec.tolerations', [{ key: 'gpu', operator: 'Exists' }]);
      put(n, 'spec.template.metadata.annotations', { note: 'x' });
    })).toEqual([]);
    expect(causes(current, (n) => put(n, 'spec.template.spec.containers[0].image', 'perl:5.36'))[0]).toMatch(/^spec\.template: Invalid value: \{.*\}: field is immutable$/);
  });

  it('a running Job may not change its nodeSelector', () => {
    const current = mustCreate(newApi(), job);
    expect(causes(current, (n) => put(n, 'spec.template.spec.nodeSelector', { disk: 'ssd' }))[0]).toMatch(/^spec\.template: Invalid value: .*"NodeSelector":\{"disk":"ssd"\}.*: field is immutable$/);
  });

  it('create-time errors and update errors come back together (ValidateJob then ValidateJobUpdate)', () => {
    const current = mustCreate(newApi(), { ...job, spec: { ...job.spec, completions: 2 } });
    expect(causes(current, (n) => { put(n, 'spec.parallelism', -1); put(n, 'spec.completions', 4); })).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      `spec.completions: Invalid value: 4: ${IMMUTABLE}`,
    ]);
  });
});

describe('Pod', () => {
  const HEAD =
    'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

  it('accepts an image change and metadata changes', () => {
    const current = mustCreate(newApi(), podManifest('web'));
    expect(causes(current, (n) => { put(n, 'spec.containers[0].image', 'nginx:1.28'); put(n, 'metadata.labels', { a: 'b' }); })).toEqual([]);
  });

  it('refuses any other spec change with the upstream list, then the spec diff', () => {
    const current = mustCreate(newApi(), { ...podManifest('web'), spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } });
    const [message, ...rest] = causes(current, (n) => put(n, 'spec.containers[0].ports[0].containerPort', 8080));
    expect(rest).toEqual([]);
    const [head, ...diff] = message!.split('\n');
    expect(head).toBe(HEAD);
    expect(diff[0]).toBe('  core.PodSpec{');
    expect(diff).toContain('- \t\t\t\t\tContainerPort: 80,');
    expect(diff).toContain('+ \t\t\t\t\tContainerPort: 8080,');
  });

  it('refuses adding a container', () => {
    const current = mustCreate(newApi(), podManifest('web'));
    expect(causes(current, (n) => put(n, 'spec.containers[1]', { name: 'side', image: 'busybox' }))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('activeDeadlineSeconds may be set or lowered, not raised or removed', () => {
    const current = mustCreate(newApi(), { ...podManifest('web'), spec: { activeDeadlineSeconds: 100, containers: [{ name: 'web', image: 'nginx' }] } });
    expect(causes(current, (n) => put(n, 'spec.activeDeadlineSeconds', 50))).toEqual([]);
    expect(causes(current, (n) => put(n, 'spec.activeDeadlineSeconds', 200))).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    expect(causes(current, (n) => delete (dig(n, 'spec') as Record<string, unknown>).activeDeadlineSeconds)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value',
    ]);
  });

  it('tolerations may only be added', () => {
    const current = mustCreate(newApi(), { ...podManifest('web'), spec: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }], containers: [{ name: 'web', image: 'nginx' }] } });
    const tolerations = dig(current, 'spec.tolerations') as unknown[];
    expect(causes(current, (n) => put(n, 'spec.tolerations', [...tolerations, { key: 'b', operator: 'Exists' }]))).toEqual([]);
    expect(causes(current, (n) => put(n, 'spec.tolerations', tolerations.slice(1)))).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  });
});

describe('Service, CronJob and the dispatch', () => {
  it('Service: the cluster IP may not change once set', () => {
    const current = mustCreate(newApi(), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
    expect(causes(current, (n) => { put(n, 'spec.clusterIP', '10.96.5.6'); put(n, 'spec.clusterIPs', ['10.96.5.6']); })).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.5.6"]: may not change once set',
    ]);
    expect(causes(current, (n) => put(n, 'spec.ports[0].port', 8080))).toEqual([]);
  });

  it('CronJob has no immutable fields', () => {
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } };
    const current = mustCreate(newApi(), cj);
    expect(causes(current, (n) => { put(n, 'spec.schedule', '*/5 * * * *'); put(n, 'spec.jobTemplate.spec.template.spec.containers[0].image', 'busybox:1.36'); })).toEqual([]);
  });

  it('kinds without rules give no errors', () => {
    expect(validateUpdate('ConfigMap', { data: { a: '1' } }, { data: { a: '2' } })).toEqual([]);
  });
});
