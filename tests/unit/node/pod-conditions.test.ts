// The kubelet's pod conditions (§1.5): reasons, messages, terminal phases, readiness gates, merge rules.
import { describe, expect, it } from 'vitest';
import type { Condition, ContainerStatus } from '../../../src/engine/api/kinds.ts';
import { containersReadyCondition, initializedCondition, kubeletConditions, mergeConditions, readyCondition, type ConditionsInput } from '../../../src/engine/node/pod-conditions.ts';

function cs(name: string, ready: boolean, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, state: { running: { startedAt: 't' } }, lastState: {}, ready, restartCount: 0, image: 'x', imageID: '', started: ready, ...extra };
}

const base: ConditionsInput = { containers: [{ name: 'a' }, { name: 'b' }], initContainerStatuses: [], containerStatuses: [], phase: 'Running', sandboxReady: true };

describe('ContainersReady and Ready', () => {
  it('list unready and unknown containers in Go list format', () => {
    const c = containersReadyCondition({ ...base, containerStatuses: [cs('a', false)] });
    expect(c).toEqual({ type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unknown status: [b], containers with unready status: [a]' });
    expect(readyCondition({ ...base, containerStatuses: [cs('a', false), cs('b', false)] })).toEqual({ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' });
  });
  it('are True when every container (and sidecar) is ready', () => {
    const input = { ...base, initContainers: [{ name: 's', restartPolicy: 'Always' as const }], initContainerStatuses: [cs('s', true)], containerStatuses: [cs('a', true), cs('b', true)] };
    expect(readyCondition(input)).toEqual({ type: 'Ready', status: 'True' });
    expect(containersReadyCondition({ ...input, initContainerStatuses: [cs('s', false)] }).message).toBe('containers with unready status: [s]');
  });
  it('say PodCompleted once Succeeded and PodFailed once Failed', () => {
    expect(readyCondition({ ...base, phase: 'Succeeded', containerStatuses: [cs('a', false), cs('b', false)] })).toEqual({ type: 'Ready', status: 'False', reason: 'PodCompleted' });
    expect(readyCondition({ ...base, phase: 'Failed', containerStatuses: [cs('a', false), cs('b', false)] })).toEqual({ type: 'Ready', status: 'False', reason: 'PodFailed' });
  });
  it('readiness gates keep Ready False with ReadinessGatesNotReady', () => {
    const input = { ...base, readinessGates: [{ conditionType: 'example.com/lb' }], containerStatuses: [cs('a', true), cs('b', true)] };
    expect(readyCondition(input)).toEqual({ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    const gate: Condition = { type: 'example.com/lb', status: 'True' };
    expect(readyCondition({ ...input, existing: [gate] }).status).toBe('True');
  });
});

describe('Initialized', () => {
  it('is True without init containers, and lists incomplete ones', () => {
    expect(initializedCondition(base)).toEqual({ type: 'Initialized', status: 'True' });
    const input = { ...base, initContainers: [{ name: 'i1' }, { name: 'i2' }], initContainerStatuses: [cs('i1', true), cs('i2', false)] };
    expect(initializedCondition(input)).toEqual({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i2]' });
    expect(initializedCondition({ ...input, phase: 'Succeeded' })).toEqual({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  });
});

describe('order and merge', () => {
  it('generates PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    expect(kubeletConditions(base).map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  });
  it('keeps foreign conditions first and lastTransitionTime while the status is unchanged', () => {
    const old: Condition[] = [
      { type: 'Ready', status: 'False', lastTransitionTime: 'T1' },
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', lastTransitionTime: 'T0' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 'T0' },
    ];
    const merged = mergeConditions(old, [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], 'T2', 3);
    expect(merged).toEqual([
      old[1],
      { type: 'Ready', observedGeneration: 3, status: 'True', lastProbeTime: null, lastTransitionTime: 'T2' },
      { type: 'PodScheduled', observedGeneration: 3, status: 'True', lastProbeTime: null, lastTransitionTime: 'T0' },
    ]);
  });
});
