// Deployment conditions (§3.9, §3.10): Available against maxUnavailable, the progress deadline, and the
// paused / resumed Progressing condition.
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../../../src/engine/clock/time-format.ts';
import {
  T0, apply, condition, deploymentManifest, editDeployment, getDeployment, newSim, recordEvents, recordStatuses, replicaSetsOf, rsWithImage, setImage,
} from './helpers.ts';

describe('Available (§3.9)', () => {
  it('turns True once availableReplicas ≥ replicas − maxUnavailable (4 replicas, 25% → 1)', () => {
    // pods become ready one by one; the fourth much later
    let n = 0;
    const sim = newSim({ readyDelayMs: () => [1_000, 2_000, 3_000, 60_000][n++] ?? 1_000 });
    const statuses = recordStatuses(sim, 'web');
    apply(sim, deploymentManifest('web', 4));
    sim.runFor(30_000);
    const firstTrue = statuses.find((s) => condition(s.status, 'Available')?.status === 'True')!;
    expect(firstTrue.status.availableReplicas).toBe(3);
    expect(condition(firstTrue.status, 'Available')).toMatchObject({ reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(statuses.filter((s) => (s.status.availableReplicas ?? 0) < 3).every((s) => condition(s.status, 'Available')?.status !== 'True')).toBe(true);
    expect(condition(statuses[statuses.indexOf(firstTrue) - 1].status, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    // the rollout is not complete yet: Progressing still reports progress
    expect(condition(getDeployment(sim, 'web').status, 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    expect(getDeployment(sim, 'web').status!.unavailableReplicas).toBe(1);
  });
});

describe('Progress deadline (§3.9)', () => {
  it('reports ProgressDeadlineExceeded when nothing progresses for progressDeadlineSeconds, checked at the deadline', () => {
    const sim = newSim({ ready: () => false });
    const statuses = recordStatuses(sim, 'web');
    apply(sim, deploymentManifest('web', 3, { progressDeadlineSeconds: 30 }));
    sim.runFor(120_000);
    const rs = replicaSetsOf(sim, 'web')[0].metadata.name;
    const timedOut = statuses.find((s) => condition(s.status, 'Progressing')?.reason === 'ProgressDeadlineExceeded')!;
    expect(condition(timedOut.status, 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${rs}" has timed out progressing.` });
    // the last progress report before it
    const before = statuses[statuses.indexOf(timedOut) - 1];
    const lastUpdate = Date.parse(condition(before.status, 'Progressing')!.lastUpdateTime!);
    // re-queued for lastUpdateTime + progressDeadlineSeconds (+1 s, as upstream), where it is past the deadline
    expect(timedOut.time).toBe(lastUpdate + 31_000);
    expect(condition(timedOut.status, 'Progressing')!.lastTransitionTime).toBe(rfc3339(timedOut.time));
    expect(condition(getDeployment(sim, 'web').status, 'Available')?.status).toBe('False');
  });

  it('keeps rolling after the deadline and reports completion when pods finally come up', () => {
    let ready = false;
    const sim = newSim({ ready: () => ready });
    apply(sim, deploymentManifest('web', 2, { progressDeadlineSeconds: 20 }));
    sim.runFor(60_000);
    expect(condition(getDeployment(sim, 'web').status, 'Progressing')?.reason).toBe('ProgressDeadlineExceeded');
    ready = true;
    for (const p of sim.api.list('Pod')) sim.api.delete('Pod', 'default', p.metadata.name);
    sim.runFor(60_000);
    expect(condition(getDeployment(sim, 'web').status, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });
});

describe('Paused Deployments (§3.10)', () => {
  it('sets Progressing Unknown/DeploymentPaused, ignores template changes, applies scaling, and resumes', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 2));
    sim.runFor(10_000);
    const complete = condition(getDeployment(sim, 'web').status, 'Progressing')!;
    expect(complete.reason).toBe('NewReplicaSetAvailable');
    const statuses = recordStatuses(sim, 'web');
    const events = recordEvents(sim, 'Deployment', 'web');

    sim.runUntil(T0 + 20_000);
    editDeployment(sim, 'web', (d) => {
      d.spec!.paused = true;
    });
    sim.runFor(1_000);
    const paused = condition(getDeployment(sim, 'web').status, 'Progressing')!;
    expect(paused).toEqual({
      type: 'Progressing', status: 'Unknown', lastUpdateTime: '2026-01-01T00:00:20Z', lastTransitionTime: '2026-01-01T00:00:20Z', reason: 'DeploymentPaused', message: 'Deployment is paused',
    });

    // while paused: a new template creates no ReplicaSet, a replica change is applied
    setImage(sim, 'web', 'nginx:1.28');
    sim.runFor(10_000);
    expect(replicaSetsOf(sim, 'web')).toHaveLength(1);
    editDeployment(sim, 'web', (d) => {
      d.spec!.replicas = 3;
    });
    sim.runFor(10_000);
    const first = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;
    expect(events.map((e) => e.message)).toEqual([`Scaled up replica set ${first} from 2 to 3`]);
    expect(getDeployment(sim, 'web').status).toMatchObject({ replicas: 3, availableReplicas: 3 });
    expect(getDeployment(sim, 'web').status!.updatedReplicas).toBeUndefined(); // 0, omitted (§3.9)

    sim.runUntil(T0 + 60_000);
    editDeployment(sim, 'web', (d) => {
      d.spec!.paused = false;
    });
    sim.runFor(60_000);
    const resumed = statuses.map((s) => condition(s.status, 'Progressing')).find((c) => c?.reason === 'DeploymentResumed')!;
    // Unknown → Unknown: the transition time stays the pause's, the update time is the resume's
    expect(resumed).toEqual({
      type: 'Progressing', status: 'Unknown', lastUpdateTime: '2026-01-01T00:01:00Z', lastTransitionTime: '2026-01-01T00:00:20Z', reason: 'DeploymentResumed', message: 'Deployment is resumed',
    });
    const second = rsWithImage(sim, 'web', 'nginx:1.28').metadata.name;
    expect(events.map((e) => e.message)[1]).toBe(`Scaled up replica set ${second} from 0 to 1`);
    expect(condition(getDeployment(sim, 'web').status, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${second}" has successfully progressed.` });
    expect(getDeployment(sim, 'web').status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });
});
