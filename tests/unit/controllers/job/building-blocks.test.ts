// The small parts of the Job controller: the completed-indexes text (§4.10), the pod failure policy matcher
// (§4.9), the success policy matcher (§4.10), the failure back-off (§4.6) and the pods it creates (§4.2, §4.10).
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../../src/engine/api/kinds.ts';
import { remainingBackoffMs } from '../../../../src/engine/controllers/job/backoff.ts';
import { firstMissing, formatIntervals, intervalsOf, parseIntervals, totalOf } from '../../../../src/engine/controllers/job/intervals.ts';
import { JobPodFactory, generateNameWithIndex } from '../../../../src/engine/controllers/job/job-pod-template.ts';
import type { Job, PodFailurePolicy } from '../../../../src/engine/controllers/job/job-types.ts';
import { matchPodFailurePolicy } from '../../../../src/engine/controllers/job/pod-failure-policy.ts';
import { matchSuccessPolicy } from '../../../../src/engine/controllers/job/success-policy.ts';
import { applyDefaults } from '../../../../src/engine/defaults/index.ts';

describe('completed / failed indexes text (§4.10)', () => {
  it('writes runs of three or more as a-b and a run of two as a,b', () => {
    // §4.10: {0,1,2,4,5,7} → `0-2,4,5,7`; {1,3,4,5} → `1,3-5`.
    expect(formatIntervals(intervalsOf([0, 1, 2, 4, 5, 7]))).toBe('0-2,4,5,7');
    expect(formatIntervals(intervalsOf([5, 4, 3, 1]))).toBe('1,3-5');
    expect(formatIntervals(intervalsOf([]))).toBe('');
  });

  it('reads the same syntax back, dropping indexes at or above completions', () => {
    expect(formatIntervals(parseIntervals('0-2,4,5,7', 10))).toBe('0-2,4,5,7');
    expect(totalOf(parseIntervals('0-2,4,5,7', 10))).toBe(6);
    expect(formatIntervals(parseIntervals('1,3-9', 6))).toBe('1,3-5');
  });

  it('lists the lowest pending indexes first (§4.4)', () => {
    expect(firstMissing(parseIntervals('0,2-3', 10), 3, 10)).toEqual([1, 4, 5]);
    expect(firstMissing(parseIntervals('0-8', 10), 5, 10)).toEqual([9]);
  });
});

function failedPod(opts: { exitCode?: number; container?: string; init?: { name: string; exitCode: number }; conditions?: { type: string; status: 'True' | 'False' }[] }): Pod {
  const terminated = (name: string, exitCode: number): ContainerStatus => ({
    name, state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' } }, lastState: {}, ready: false, restartCount: 0, image: 'x', imageID: 'x',
  });
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'job-abcde', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    status: {
      phase: 'Failed',
      conditions: (opts.conditions ?? []).map((c) => ({ ...c })),
      containerStatuses: [terminated(opts.container ?? 'main', opts.exitCode ?? 1)],
      ...(opts.init ? { initContainerStatuses: [terminated(opts.init.name, opts.init.exitCode)] } : {}),
    },
  };
}

describe('matchPodFailurePolicy (§4.9)', () => {
  const policy: PodFailurePolicy = {
    rules: [
      { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
    ],
  };

  it('FailJob on a listed exit code, with the reference message', () => {
    const m = matchPodFailurePolicy(policy, failedPod({ exitCode: 42 }));
    expect(m).toEqual({ action: 'FailJob', countFailed: true, failJobMessage: 'Container main for pod default/job-abcde failed with exit code 42 matching FailJob rule at index 0' });
  });

  it('honours containerName and looks at init containers after regular ones', () => {
    expect(matchPodFailurePolicy(policy, failedPod({ exitCode: 42, container: 'sidecar' })).action).toBe('Count'); // 42 NotIn [1,2]
    const init = matchPodFailurePolicy({ rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3] } }] }, failedPod({ exitCode: 1, init: { name: 'setup', exitCode: 3 } }));
    expect(init.failJobMessage).toBe('Container setup for pod default/job-abcde failed with exit code 3 matching FailJob rule at index 0');
  });

  it('Ignore on a pod condition: the failure does not count', () => {
    expect(matchPodFailurePolicy(policy, failedPod({ exitCode: 1, conditions: [{ type: 'DisruptionTarget', status: 'True' }] }))).toEqual({ action: 'Ignore', countFailed: false });
  });

  it('FailJob on a pod condition names the condition', () => {
    const m = matchPodFailurePolicy({ rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, failedPod({ conditions: [{ type: 'DisruptionTarget', status: 'True' }] }));
    expect(m.failJobMessage).toBe('Pod default/job-abcde has condition DisruptionTarget matching FailJob rule at index 0');
  });

  it('no rule matching counts the failure normally; exit code 0 never matches', () => {
    expect(matchPodFailurePolicy(policy, failedPod({ exitCode: 1 }))).toEqual({ countFailed: true });
    expect(matchPodFailurePolicy({ rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1] } }] }, failedPod({ exitCode: 0 }))).toEqual({ countFailed: true });
    expect(matchPodFailurePolicy(undefined, failedPod({ exitCode: 42 }))).toEqual({ countFailed: true });
  });

  it('FailIndex marks the index failed and still counts (§4.9)', () => {
    expect(matchPodFailurePolicy({ rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] }, failedPod({ exitCode: 42 }))).toEqual({ action: 'FailIndex', countFailed: true });
  });
});

describe('matchSuccessPolicy (§4.10)', () => {
  it('succeededIndexes with succeededCount: enough of the listed indexes', () => {
    const rules = [{ succeededIndexes: '0,2-3', succeededCount: 1 }];
    expect(matchSuccessPolicy(rules, 10, intervalsOf([2]))).toBe('Matched rules at index 0');
    expect(matchSuccessPolicy(rules, 10, intervalsOf([1, 4, 5]))).toBeUndefined();
  });

  it('succeededIndexes alone needs all of them; succeededCount alone counts every index', () => {
    const rules = [{ succeededIndexes: '0-2' }, { succeededCount: 4 }];
    expect(matchSuccessPolicy(rules, 10, intervalsOf([0, 1]))).toBeUndefined();
    expect(matchSuccessPolicy(rules, 10, intervalsOf([0, 1, 2]))).toBe('Matched rules at index 0');
    expect(matchSuccessPolicy(rules, 10, intervalsOf([5, 6, 7, 8]))).toBe('Matched rules at index 1');
  });
});

describe('pod failure back-off (§4.6)', () => {
  it('waits 10 s × 2^(n−1) from the last failure, capped at 10 minutes', () => {
    const at = 1_000_000;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => remainingBackoffMs(at, n, at))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
    expect(remainingBackoffMs(at + 4_000, 1, at)).toBe(6_000);
    expect(remainingBackoffMs(at + 10_000, 1, at)).toBe(0);
    expect(remainingBackoffMs(at, 0, null)).toBe(0);
  });
});

describe('the pods a Job creates (§4.2, §4.10)', () => {
  const job = applyDefaults(
    {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'sample', namespace: 'default' },
      spec: { completions: 3, completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'main', image: 'busybox' }] } } },
    },
    { uid: '6f1c1e7e-0000-4000-8000-000000000001', namespace: 'default' },
  ) as unknown as Job;

  it('carries the index as annotation and label, JOB_COMPLETION_INDEX, hostname and generateName', () => {
    const pod = new JobPodFactory(job).newPod(2);
    expect(pod.metadata.generateName).toBe('sample-2-');
    expect(pod.metadata.annotations).toMatchObject({ 'batch.kubernetes.io/job-completion-index': '2' });
    expect(pod.metadata.labels).toMatchObject({
      'batch.kubernetes.io/job-completion-index': '2',
      'batch.kubernetes.io/controller-uid': job.metadata.uid,
      'batch.kubernetes.io/job-name': 'sample',
      'controller-uid': job.metadata.uid,
      'job-name': 'sample',
    });
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'sample', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod.spec!.hostname).toBe('sample-2');
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } };
    expect(pod.spec!.containers[0]!.env).toEqual([env]);
    expect(pod.spec!.initContainers![0]!.env).toEqual([env]);
  });

  it('keeps generated names within 63 characters (§0.1)', () => {
    const long = 'j'.repeat(60);
    expect(generateNameWithIndex(long, 12)).toBe(`${'j'.repeat(54)}-12-`);
    expect(generateNameWithIndex('short', 12)).toBe('short-12-');
  });
});
