// Row cells per kind, on hand-built objects: §4.14 (job STATUS order, COMPLETIONS, DURATION), §5.13
// (cronjob TIMEZONE/SUSPEND/ACTIVE/LAST SCHEDULE), §2.5/§3.13 wide columns, kubeflow-training §6 (STATE =
// last condition's type), §1.6 wide pod columns.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import { columnsFor, jobStatusWord } from '../../../src/engine/kubectl/printers/columns.ts';
import { parseSelector } from '../../../src/engine/kubectl/selector.ts';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const meta = (extra: Record<string, unknown> = {}) => ({ name: 'x', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...extra });
const obj = (kind: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}, m: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: meta(m), spec, status });
const cond = (type: string, status = 'True') => ({ type, status });
const template = { spec: { containers: [{ name: 'a', image: 'img:1' }, { name: 'b', image: 'img:2' }] } };

describe('jobs (§4.14)', () => {
  it.each([
    [[cond('Complete'), cond('SuccessCriteriaMet')], {}, 'Complete'],
    [[cond('Failed'), cond('FailureTarget')], {}, 'Failed'],
    [[cond('FailureTarget')], { deletionTimestamp: '2026-01-01T00:59:00Z' }, 'Terminating'],
    [[cond('Suspended')], {}, 'Suspended'],
    [[cond('FailureTarget')], {}, 'FailureTarget'],
    [[cond('SuccessCriteriaMet')], {}, 'SuccessCriteriaMet'],
    [[cond('Complete', 'False')], {}, 'Running'],
    [[], {}, 'Running'],
  ])('conditions %j → %s', (conditions, m, word) => {
    expect(jobStatusWord(obj('Job', {}, { conditions }, m))).toBe(word);
  });

  it('COMPLETIONS: succeeded/completions, succeeded/1, succeeded/1 of P', () => {
    const cells = (spec: Record<string, unknown>) => columnsFor('Job').cells(obj('Job', spec, { succeeded: 1 }), NOW, false)[1];
    expect(cells({ completions: 3, parallelism: 2 })).toBe('1/3');
    expect(cells({ parallelism: 1 })).toBe('1/1');
    expect(cells({ parallelism: 4 })).toBe('1/1 of 4');
  });

  it('DURATION: empty before start, now − start while running, completion − start when done', () => {
    const dur = (status: Record<string, unknown>) => columnsFor('Job').cells(obj('Job', { completions: 1 }, status), NOW, false)[2];
    expect(dur({})).toBe('');
    expect(dur({ startTime: '2026-01-01T00:57:00Z' })).toBe('3m');
    expect(dur({ startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:42Z' })).toBe('42s');
  });

  it('wide: CONTAINERS, IMAGES, SELECTOR', () => {
    const job = obj('Job', { completions: 1, template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } } });
    expect(columnsFor('Job').allHeaders(true)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(columnsFor('Job').cells(job, NOW, true).slice(4)).toEqual(['a,b', 'img:1,img:2', 'batch.kubernetes.io/controller-uid=abc']);
  });
});

describe('cronjobs (§5.13)', () => {
  it('TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE', () => {
    const c = columnsFor('CronJob');
    expect(c.allHeaders(false)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(c.cells(obj('CronJob', { schedule: '0 * * * *', suspend: true, timeZone: 'Europe/Paris' }, { active: [{}, {}], lastScheduleTime: '2026-01-01T00:59:00Z' }), NOW, false)).toEqual(['0 * * * *', 'Europe/Paris', 'True', '2', '60s', '60m']);
    expect(c.cells(obj('CronJob', { schedule: '@hourly', suspend: false }), NOW, false)).toEqual(['@hourly', '<none>', 'False', '0', '<none>', '60m']);
  });
});

describe('replicasets and deployments (§2.5, §3.13)', () => {
  it('missing status counts print as 0', () => {
    expect(columnsFor('ReplicaSet').cells(obj('ReplicaSet', { replicas: 2, template }), NOW, false)).toEqual(['2', '0', '0', '60m']);
    expect(columnsFor('Deployment').cells(obj('Deployment', { replicas: 2, template }, { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 }), NOW, false)).toEqual(['1/2', '2', '1', '60m']);
  });
});

describe('pods wide (§1.6)', () => {
  it('IP, NODE, NOMINATED NODE, READINESS GATES with <none> placeholders', () => {
    const c = columnsFor('Pod');
    expect(c.allHeaders(true)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    const pending = obj('Pod', { containers: [{ name: 'a', image: 'i' }] }, { phase: 'Pending' });
    expect(c.cells(pending, NOW, true).slice(4)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    const bound = obj('Pod', { containers: [{ name: 'a', image: 'i' }], nodeName: 'node-1', readinessGates: [{ conditionType: 'x/ok' }] }, { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }], conditions: [cond('x/ok')] });
    expect(c.cells(bound, NOW, true).slice(4)).toEqual(['10.244.1.5', 'node-1', '<none>', '1/1']);
  });
});

describe('tfjobs / pytorchjobs (kubeflow-training §6)', () => {
  it('STATE is the last condition type; -o wide adds nothing', () => {
    const c = columnsFor('TFJob');
    expect(c.allHeaders(true)).toEqual(['NAME', 'STATE', 'AGE']);
    expect(c.cells(obj('TFJob', {}, { conditions: [cond('Created'), cond('Running', 'False'), cond('Succeeded')] }), NOW, false)).toEqual(['Succeeded', '60m']);
    expect(columnsFor('PyTorchJob').cells(obj('PyTorchJob', {}, {}), NOW, false)).toEqual(['', '60m']);
  });
});

describe('events', () => {
  it('LAST SEEN, TYPE, REASON, OBJECT (kind/name lower-cased), MESSAGE', () => {
    const e = { apiVersion: 'v1', kind: 'Event', metadata: meta({ name: 'pi.1' }), involvedObject: { kind: 'Job', name: 'pi', uid: 'u', apiVersion: 'batch/v1' }, reason: 'Completed', message: 'Job completed', source: { component: 'job-controller' }, firstTimestamp: '2026-01-01T00:58:00Z', lastTimestamp: '2026-01-01T00:59:00Z', count: 1, type: 'Normal' } as unknown as KubeObject;
    expect(columnsFor('Event').allHeaders(false)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(columnsFor('Event').cells(e, NOW, false)).toEqual(['60s', 'Normal', 'Completed', 'job/pi', 'Job completed']);
  });
});

describe('label selector flag', () => {
  it('parses equality, set-based and existence requirements', () => {
    expect(parseSelector('app=web,tier!=db,env in (a, b),!legacy,release')).toEqual({
      ok: true,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['db'] },
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'release', operator: 'Exists' },
        ],
      },
    });
    expect(parseSelector('a==b')).toEqual({ ok: true, selector: { matchLabels: { a: 'b' } } });
    expect(parseSelector('a b c').ok).toBe(false);
  });
});
