// getPhase against reference §1.2: the classification table, the decision order and its consequences.
import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerStatus } from '../../../src/engine/api/kinds.ts';
import { getPhase, type PhaseInput } from '../../../src/engine/node/pod-phase.ts';

function cs(name: string, state: ContainerState, last: ContainerState = {}, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, state, lastState: last, ready: false, restartCount: 0, image: 'x', imageID: '', ...extra };
}
const running: ContainerState = { running: { startedAt: 't' } };
const exited = (code: number): ContainerState => ({ terminated: { exitCode: code } });
const waiting = (reason: string): ContainerState => ({ waiting: { reason } });

function phase(input: Partial<PhaseInput> & { containerStatuses?: ContainerStatus[] }): string {
  return getPhase({ containers: [{ name: 'a' }], ...input });
}

describe('§1.2 classification of regular containers', () => {
  it('no status yet is unknown → Pending', () => {
    expect(phase({ containerStatuses: [] })).toBe('Pending');
  });
  it('running → Running', () => {
    expect(phase({ containerStatuses: [cs('a', running)] })).toBe('Running');
  });
  it('waiting without a previous termination (ContainerCreating, ErrImagePull …) → Pending', () => {
    for (const r of ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']) expect(phase({ containerStatuses: [cs('a', waiting(r))] })).toBe('Pending');
  });
  it('waiting with a previous termination counts as stopped (between restarts)', () => {
    expect(phase({ restartPolicy: 'Always', containerStatuses: [cs('a', waiting('CrashLoopBackOff'), exited(1))] })).toBe('Running');
    expect(phase({ restartPolicy: 'Never', containerStatuses: [cs('a', waiting('CrashLoopBackOff'), exited(1))] })).toBe('Failed');
  });
});

describe('§1.2 decision order', () => {
  it('1. failed initialization with restartPolicy Never → Failed', () => {
    expect(phase({ restartPolicy: 'Never', initContainers: [{ name: 'i' }], initContainerStatuses: [cs('i', exited(2))], containerStatuses: [cs('a', waiting('PodInitializing'))] })).toBe('Failed');
    // the same failure with OnFailure restarts the init container: still Pending
    expect(phase({ restartPolicy: 'OnFailure', initContainers: [{ name: 'i' }], initContainerStatuses: [cs('i', waiting('CrashLoopBackOff'), exited(2))], containerStatuses: [cs('a', waiting('PodInitializing'))] })).toBe('Pending');
  });
  it('2. pending initialization → Pending (a running init container, or none started yet)', () => {
    expect(phase({ initContainers: [{ name: 'i' }], initContainerStatuses: [cs('i', running)], containerStatuses: [cs('a', waiting('PodInitializing'))] })).toBe('Pending');
    expect(phase({ initContainers: [{ name: 'i' }], initContainerStatuses: [], containerStatuses: [] })).toBe('Pending');
  });
  it('2. a sidecar that has not started keeps the pod Pending; once started it does not', () => {
    const init = [{ name: 's', restartPolicy: 'Always' as const }];
    expect(phase({ initContainers: init, initContainerStatuses: [cs('s', running, {}, { started: false })], containerStatuses: [cs('a', waiting('PodInitializing'))] })).toBe('Pending');
    expect(phase({ initContainers: init, initContainerStatuses: [cs('s', running, {}, { started: true })], containerStatuses: [cs('a', running)] })).toBe('Running');
    // after initialization a restarting sidecar no longer gates the phase
    expect(phase({ initContainers: init, podHasInitialized: true, initContainerStatuses: [cs('s', waiting('CrashLoopBackOff'), exited(1))], containerStatuses: [cs('a', running)] })).toBe('Running');
  });
  it('2. any regular container waiting → Pending even if another runs', () => {
    expect(getPhase({ containers: [{ name: 'a' }, { name: 'b' }], containerStatuses: [cs('a', running), cs('b', waiting('ContainerCreating'))] })).toBe('Pending');
  });
  it('3. at least one running and none unknown → Running', () => {
    expect(getPhase({ restartPolicy: 'Never', containers: [{ name: 'a' }, { name: 'b' }], containerStatuses: [cs('a', running), cs('b', exited(1))] })).toBe('Running');
    expect(getPhase({ containers: [{ name: 'a' }, { name: 'b' }], containerStatuses: [cs('a', running)] })).toBe('Pending');
  });
  it('4. all stopped: terminating pod → Succeeded only if all exited 0', () => {
    expect(phase({ podIsTerminal: true, containerStatuses: [cs('a', exited(0))] })).toBe('Succeeded');
    expect(phase({ podIsTerminal: true, restartPolicy: 'Always', containerStatuses: [cs('a', exited(143))] })).toBe('Failed');
  });
  it('4. all stopped: Always → Running; all 0 → Succeeded; Never → Failed; OnFailure → Running', () => {
    expect(phase({ restartPolicy: 'Always', containerStatuses: [cs('a', exited(0))] })).toBe('Running');
    expect(phase({ restartPolicy: 'OnFailure', containerStatuses: [cs('a', exited(0))] })).toBe('Succeeded');
    expect(phase({ restartPolicy: 'Never', containerStatuses: [cs('a', exited(0))] })).toBe('Succeeded');
    expect(phase({ restartPolicy: 'Never', containerStatuses: [cs('a', exited(1))] })).toBe('Failed');
    expect(phase({ restartPolicy: 'OnFailure', containerStatuses: [cs('a', exited(1))] })).toBe('Running');
  });
  it('5. otherwise → Pending (stopped and unknown containers mixed)', () => {
    expect(getPhase({ restartPolicy: 'Never', containers: [{ name: 'a' }, { name: 'b' }], containerStatuses: [cs('a', exited(0))] })).toBe('Pending');
  });
});

describe('§1.2 consequences', () => {
  it('a single-container pod in CrashLoopBackOff is Running (Always and OnFailure)', () => {
    for (const restartPolicy of ['Always', 'OnFailure'] as const)
      expect(phase({ restartPolicy, containerStatuses: [cs('a', waiting('CrashLoopBackOff'), exited(1))] })).toBe('Running');
  });
  it('a pod whose only container is in ErrImagePull / ImagePullBackOff / ContainerCreating is Pending', () => {
    for (const r of ['ErrImagePull', 'ImagePullBackOff', 'ContainerCreating']) expect(phase({ restartPolicy: 'Never', containerStatuses: [cs('a', waiting(r))] })).toBe('Pending');
  });
  it('a deleted pod whose process exits 0 on SIGTERM ends Succeeded', () => {
    expect(phase({ restartPolicy: 'Always', podIsTerminal: true, containerStatuses: [cs('a', exited(0))] })).toBe('Succeeded');
  });
});
