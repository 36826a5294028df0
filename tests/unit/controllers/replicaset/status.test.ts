// §2.3: the ReplicaSet status over time — omitted zero counts, terminatingReplicas always written,
// availableReplicas with minReadySeconds (re-checked at the exact moment), observedGeneration, ReplicaFailure.
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../../../../src/engine/api/kinds.ts';
import { calculateReplicaSetStatus } from '../../../../src/engine/controllers/replicaset/status.ts';
import { T0, apply, getRS, newSim, podsOf, rsManifest, scaleRS } from './helpers.ts';

/** Every status the ReplicaSet was written with, with the time of the write. */
function recordStatuses(sim: ReturnType<typeof newSim>, name: string): { time: number; status: ReplicaSetStatus }[] {
  const seen: { time: number; status: ReplicaSetStatus }[] = [];
  sim.api.watch(['ReplicaSet'], (e) => {
    const rs = e.object as ReplicaSet;
    if (rs.metadata.name === name && rs.status && JSON.stringify(rs.status) !== JSON.stringify(seen.at(-1)?.status)) seen.push({ time: e.time, status: rs.status });
  });
  return seen;
}

describe('ReplicaSet status (§2.3)', () => {
  it('leaves zero counts out except replicas and terminatingReplicas, and fills them in as pods come up', () => {
    const sim = newSim({ bindDelayMs: 50, readyDelayMs: 2_000 });
    const statuses = recordStatuses(sim, 'frontend');
    apply(sim, rsManifest('frontend', 3));
    sim.runFor(10_000);
    // The sync that creates the pods writes the status it counted before creating them.
    expect(statuses[0].status).toEqual({ replicas: 0, terminatingReplicas: 0, observedGeneration: 1 });
    const created = statuses.find((s) => s.status.replicas === 3)!;
    expect(created.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, terminatingReplicas: 0, observedGeneration: 1 });
    expect(Object.keys(created.status)).not.toContain('readyReplicas');
    expect(getRS(sim, 'frontend').status).toEqual({
      replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, terminatingReplicas: 0, observedGeneration: 1,
    });
  });

  it('counts terminating pods in terminatingReplicas until they are gone', () => {
    const sim = newSim({ terminateDelayMs: 15_000 });
    apply(sim, rsManifest('frontend', 3));
    sim.runFor(5_000);
    scaleRS(sim, 'frontend', 1);
    sim.runFor(1_000);
    expect(getRS(sim, 'frontend').status).toMatchObject({ replicas: 1, terminatingReplicas: 2, observedGeneration: 2 });
    sim.runFor(20_000);
    expect(getRS(sim, 'frontend').status).toMatchObject({ replicas: 1, terminatingReplicas: 0 });
  });

  it('counts fullyLabeledReplicas only for pods carrying every template label', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 2));
    sim.runFor(5_000);
    const [p] = podsOf(sim, 'frontend');
    sim.api.patch<Pod>('Pod', 'default', p.metadata.name, (pod) => {
      pod.metadata.labels = { tier: 'frontend' }; // still selected, but lost app=guestbook
    });
    sim.runFor(1_000);
    expect(getRS(sim, 'frontend').status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 2 });
  });

  it('makes ready pods available exactly minReadySeconds after their Ready transition', () => {
    // Pods: created at +10 ms, bound at +60 ms, Ready at +1.06 s, recorded (second precision) as 00:00:01.
    const sim = newSim({ bindDelayMs: 50, readyDelayMs: 1_000 });
    const statuses = recordStatuses(sim, 'frontend');
    apply(sim, rsManifest('frontend', 3, { minReadySeconds: 10 }));
    sim.runFor(30_000);
    const ready = statuses.find((s) => s.status.readyReplicas === 3)!;
    expect(ready.status.availableReplicas).toBeUndefined();
    const available = statuses.find((s) => s.status.availableReplicas === 3)!;
    expect(available.time).toBe(T0 + 11_000);
    expect(statuses.filter((s) => s.time > ready.time && s.time < available.time)).toEqual([]);
  });

  it('writes observedGeneration with the status after a spec change', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 1));
    sim.runFor(5_000);
    scaleRS(sim, 'frontend', 2);
    expect(getRS(sim, 'frontend').metadata.generation).toBe(2);
    expect(getRS(sim, 'frontend').status!.observedGeneration).toBe(1);
    sim.runFor(5_000);
    expect(getRS(sim, 'frontend').status!.observedGeneration).toBe(2);
  });

  it('sets ReplicaFailure while create/delete errors persist and removes it afterwards', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x', uid: 'u', resourceVersion: '1', creationTimestamp: '', generation: 1 }, spec: { replicas: 2, selector: {}, template: { spec: { containers: [] } } }, status: { replicas: 0 } } as ReplicaSet;
    const failed = calculateReplicaSetStatus(rs, [], [], { reason: 'FailedCreate', message: 'pods "x-abcde" is forbidden: exceeded quota' }, T0);
    expect(failed.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'FailedCreate', message: 'pods "x-abcde" is forbidden: exceeded quota' },
    ]);
    // persisting: the first condition is kept as is
    const again = calculateReplicaSetStatus({ ...rs, status: failed }, [], [], { reason: 'FailedCreate', message: 'other' }, T0 + 60_000);
    expect(again.conditions).toEqual(failed.conditions);
    const healed = calculateReplicaSetStatus({ ...rs, status: failed }, [], [], undefined, T0 + 120_000);
    expect(healed.conditions).toBeUndefined();
  });
});
