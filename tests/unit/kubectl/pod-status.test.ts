// READY / STATUS / RESTARTS of `kubectl get pods`: every row of reference §1.6's table, then the steps of
// its STATUS algorithm (pod reason, SchedulingGated, init containers, last-to-first walk, Completed beside a
// running container, deletion) and the READY / RESTARTS rules.
import { describe, expect, it } from 'vitest';
import type { Condition, ContainerState, ContainerStatus, Pod } from '../../../src/engine/api/kinds.ts';
import { podCells } from '../../../src/engine/kubectl/printers/pod-status.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, state, lastState: {}, ready: false, restartCount: 0, image: 'img', imageID: '', ...extra };
}

function pod(p: { phase?: string; reason?: string; containers?: string[]; inits?: { name: string; sidecar?: boolean }[]; statuses?: ContainerStatus[]; initStatuses?: ContainerStatus[]; conditions?: { type: string; status: string; reason?: string }[]; deleting?: boolean }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...(p.deleting ? { deletionTimestamp: '2026-01-01T00:09:50Z' } : {}) },
    spec: {
      containers: (p.containers ?? ['app']).map((name) => ({ name, image: 'img' })),
      ...(p.inits ? { initContainers: p.inits.map((i) => ({ name: i.name, image: 'img', ...(i.sidecar ? { restartPolicy: 'Always' as const } : {}) })) } : {}),
    },
    status: {
      phase: (p.phase ?? 'Running') as 'Running',
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.conditions ? { conditions: p.conditions as Condition[] } : {}),
      ...(p.statuses ? { containerStatuses: p.statuses } : {}),
      ...(p.initStatuses ? { initContainerStatuses: p.initStatuses } : {}),
    },
  };
}

const running = { running: { startedAt: '2026-01-01T00:00:05Z' } };
const waiting = (reason: string) => ({ waiting: { reason } });
const terminated = (exitCode: number, reason?: string, signal?: number) => ({ terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}), finishedAt: '2026-01-01T00:09:00Z' } });

describe('STATUS: the situations of §1.6', () => {
  it.each([
    ['not yet scheduled / unschedulable', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }), 'Pending'],
    ['scheduled, container being created', pod({ phase: 'Pending', statuses: [cs('app', waiting('ContainerCreating'))] }), 'ContainerCreating'],
    ['init container 1 of 2 running', pod({ phase: 'Pending', inits: [{ name: 'i1' }, { name: 'i2' }], initStatuses: [cs('i1', running), cs('i2', waiting('PodInitializing'))], statuses: [cs('app', waiting('PodInitializing'))] }), 'Init:0/2'],
    ['image cannot be pulled', pod({ phase: 'Pending', statuses: [cs('app', waiting('ErrImagePull'))] }), 'ErrImagePull'],
    ['image pull backing off', pod({ phase: 'Pending', statuses: [cs('app', waiting('ImagePullBackOff'))] }), 'ImagePullBackOff'],
    ['container crashing', pod({ statuses: [cs('app', waiting('CrashLoopBackOff'), { restartCount: 3 })] }), 'CrashLoopBackOff'],
    ['right after a crash (exit 1)', pod({ statuses: [cs('app', terminated(1, 'Error'), { restartCount: 3 })] }), 'Error'],
    ['ran to completion (exit 0)', pod({ phase: 'Succeeded', statuses: [cs('app', terminated(0, 'Completed'))] }), 'Completed'],
    ['exited non-zero, not restarted', pod({ phase: 'Failed', statuses: [cs('app', terminated(1, 'Error'))] }), 'Error'],
    ['killed for memory', pod({ phase: 'Failed', statuses: [cs('app', terminated(137, 'OOMKilled'))] }), 'OOMKilled'],
    ['all containers running', pod({ statuses: [cs('app', running, { ready: true })] }), 'Running'],
    ['being deleted', pod({ deleting: true, statuses: [cs('app', running, { ready: true })] }), 'Terminating'],
  ])('%s → %s', (_situation, p, status) => {
    expect(podCells(p, NOW).status).toBe(status);
  });
});

describe('STATUS: the algorithm steps of §1.6', () => {
  it('step 1: the pod reason replaces the phase; SchedulingGated wins', () => {
    expect(podCells(pod({ phase: 'Failed', reason: 'Evicted' }), NOW).status).toBe('Evicted');
    expect(podCells(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), NOW).status).toBe('SchedulingGated');
  });

  it('step 2: the first unfinished init container decides', () => {
    const inits = [{ name: 'i1' }, { name: 'i2' }];
    const done = cs('i1', terminated(0, 'Completed'));
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', terminated(1, 'Error'))] }), NOW).status).toBe('Init:Error');
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', terminated(137, 'OOMKilled'))] }), NOW).status).toBe('Init:OOMKilled');
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', terminated(2))] }), NOW).status).toBe('Init:ExitCode:2');
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', terminated(0 + 143, undefined, 15))] }), NOW).status).toBe('Init:Signal:15');
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', waiting('CrashLoopBackOff'))] }), NOW).status).toBe('Init:CrashLoopBackOff');
    expect(podCells(pod({ phase: 'Pending', inits, initStatuses: [done, cs('i2', running)] }), NOW).status).toBe('Init:1/2');
  });

  it('step 2: a started sidecar is skipped and counts towards READY', () => {
    const p = pod({ inits: [{ name: 'proxy', sidecar: true }], initStatuses: [cs('proxy', running, { started: true, ready: true })], statuses: [cs('app', running, { ready: true })], conditions: [{ type: 'Initialized', status: 'True' }] });
    expect(podCells(p, NOW)).toMatchObject({ ready: '2/2', status: 'Running' });
  });

  it('step 3: regular containers walked last to first, so the first in spec order wins', () => {
    const p = pod({ containers: ['a', 'b'], statuses: [cs('a', waiting('ImagePullBackOff')), cs('b', waiting('CrashLoopBackOff'))] });
    expect(podCells(p, NOW).status).toBe('ImagePullBackOff');
    expect(podCells(pod({ phase: 'Failed', statuses: [cs('app', terminated(3))] }), NOW).status).toBe('ExitCode:3');
    expect(podCells(pod({ phase: 'Failed', statuses: [cs('app', terminated(137, undefined, 9))] }), NOW).status).toBe('Signal:9');
  });

  it('step 4: Completed beside a running, ready container shows Running or NotReady', () => {
    const statuses = [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })];
    expect(podCells(pod({ containers: ['a', 'b'], statuses, conditions: [{ type: 'Ready', status: 'True' }] }), NOW).status).toBe('Running');
    expect(podCells(pod({ containers: ['a', 'b'], statuses, conditions: [{ type: 'Ready', status: 'False' }] }), NOW).status).toBe('NotReady');
  });

  it('step 5: NodeLost → Unknown; a terminal pod being deleted keeps its status', () => {
    expect(podCells(pod({ reason: 'NodeLost', deleting: true }), NOW).status).toBe('Unknown');
    expect(podCells(pod({ phase: 'Succeeded', deleting: true, statuses: [cs('app', terminated(0, 'Completed'))] }), NOW).status).toBe('Completed');
  });
});

describe('READY and RESTARTS (§1.6)', () => {
  it('READY counts running and ready regular containers over all containers', () => {
    const p = pod({ containers: ['a', 'b'], statuses: [cs('a', running, { ready: true }), cs('b', running, { ready: false })] });
    expect(podCells(p, NOW).ready).toBe('1/2');
  });

  it('RESTARTS sums restartCount and adds (<age> ago) of the last termination', () => {
    const last = { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:09:35Z' } };
    const p = pod({ statuses: [cs('app', waiting('CrashLoopBackOff'), { restartCount: 3, lastState: last })] });
    expect(podCells(p, NOW).restarts).toBe('3 (25s ago)');
    expect(podCells(pod({ statuses: [cs('app', running, { ready: true })] }), NOW).restarts).toBe('0');
  });

  it('while stuck in init the sum is over the init containers', () => {
    const p = pod({ phase: 'Pending', inits: [{ name: 'i1' }], initStatuses: [cs('i1', waiting('CrashLoopBackOff'), { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:08:00Z' } } })], statuses: [cs('app', waiting('PodInitializing'))] });
    expect(podCells(p, NOW)).toEqual({ ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '2 (2m ago)' });
  });
});
