// RollingUpdate (§3.6): the worked example of `replicas: 4` step by step, and the surge / availability
// bounds checked at every moment of the watch stream for 10 and 100 replicas with various parameters.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import {
  apply, condition, deploymentManifest, getDeployment, newSim, recordEvents, replicaSetsOf, rsWithImage, setImage,
} from './helpers.ts';

describe('RollingUpdate: the worked example of §3.6 (replicas 4, 25%/25% → surge 1, unavailable 1)', () => {
  it('scales one step at a time, old down only as new pods become available', () => {
    // Each new pod becomes ready well after the previous one, so every readiness is its own step.
    let newPods = 0;
    const sim = newSim({ readyDelayMs: (p) => (p.spec!.containers[0].image === 'nginx:1.28' ? 5_000 * ++newPods : 1_000) });
    apply(sim, deploymentManifest('web', 4));
    sim.runFor(10_000);
    const events = recordEvents(sim, 'Deployment', 'web');
    setImage(sim, 'web', 'nginx:1.28');
    sim.runFor(120_000);
    const h1 = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;
    const h2 = rsWithImage(sim, 'web', 'nginx:1.28').metadata.name;
    expect(events.map((e) => e.message)).toEqual([
      // §3.6 table, syncs 1–3
      `Scaled up replica set ${h2} from 0 to 1`,
      `Scaled down replica set ${h1} from 4 to 3`,
      `Scaled up replica set ${h2} from 1 to 2`,
      // "old is scaled down only as new pods become available": each new pod frees one old one, which frees one surge slot
      `Scaled down replica set ${h1} from 3 to 2`,
      `Scaled up replica set ${h2} from 2 to 3`,
      `Scaled down replica set ${h1} from 2 to 1`,
      `Scaled up replica set ${h2} from 3 to 4`,
      `Scaled down replica set ${h1} from 1 to 0`,
    ]);
    expect(new Set(events.map((e) => `${e.type} ${e.reason} ${e.component}`))).toEqual(new Set(['Normal ScalingReplicaSet deployment-controller']));
    const d = getDeployment(sim, 'web');
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(condition(d.status, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${h2}" has successfully progressed.` });
    expect(replicaSetsOf(sim, 'web').map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], rs.spec!.replicas])).toEqual([['1', 0], ['2', 4]]);
  });

  it('with 10 replicas (surge 3, unavailable 2) the first two steps are new → 3, then old → 8', () => {
    const sim = newSim({ readyDelayMs: (p) => (p.spec!.containers[0].image === 'nginx:1.28' ? 60_000 : 1_000) });
    apply(sim, deploymentManifest('web', 10));
    sim.runFor(10_000);
    const events = recordEvents(sim, 'Deployment', 'web');
    setImage(sim, 'web', 'nginx:1.28');
    sim.runFor(5_000);
    const h1 = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;
    const h2 = rsWithImage(sim, 'web', 'nginx:1.28').metadata.name;
    expect(events.map((e) => e.message).slice(0, 2)).toEqual([`Scaled up replica set ${h2} from 0 to 3`, `Scaled down replica set ${h1} from 10 to 8`]);
  });
});

/** Ready delays that differ per pod, from the pod name (deterministic). */
function spreadDelay(p: Pod): number {
  let h = 0;
  for (const ch of p.metadata.name) h = (h * 31 + ch.charCodeAt(0)) % 9973;
  return 500 + (h % 13) * 400;
}

type IntOrString = number | string;

/** §3.3, restated independently of the engine: surge rounds up, unavailable down, both 0 → unavailable 1. */
function bounds(maxSurge: IntOrString, maxUnavailable: IntOrString, replicas: number): { surge: number; unavailable: number } {
  const scale = (v: IntOrString, up: boolean) => (typeof v === 'number' ? v : (up ? Math.ceil : Math.floor)((parseInt(v, 10) * replicas) / 100));
  const surge = scale(maxSurge, true);
  const unavailable = scale(maxUnavailable, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

interface Case {
  replicas: number;
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
}

const cases: Case[] = [];
for (const replicas of [10, 100]) {
  for (const [maxSurge, maxUnavailable] of [['25%', '25%'], [0, 1], [1, 0], [3, 2], ['50%', '0%'], ['0%', '30%'], ['100%', 0], [2, '10%']] as [IntOrString, IntOrString][]) {
    cases.push({ replicas, maxSurge, maxUnavailable });
  }
}

describe('RollingUpdate bounds at every moment (§3.3, §3.6)', () => {
  it.each(cases)('replicas $replicas, maxSurge $maxSurge, maxUnavailable $maxUnavailable', ({ replicas, maxSurge, maxUnavailable }) => {
    const { surge, unavailable } = bounds(maxSurge, maxUnavailable, replicas);
    const sim = newSim({ readyDelayMs: spreadDelay });
    apply(sim, deploymentManifest('web', replicas, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } }));
    sim.runFor(60_000);
    expect(getDeployment(sim, 'web').status!.availableReplicas).toBe(replicas);

    // Track pods from the watch stream: active = not being deleted and not finished; available = active and Ready.
    const pods = new Map<string, Pod>(sim.api.list<Pod>('Pod').map((p) => [p.metadata.uid, p]));
    let maxActive = 0;
    let minAvailable = Infinity;
    let minAvailableReached = false;
    const check = () => {
      let active = 0;
      let available = 0;
      for (const p of pods.values()) {
        if (p.metadata.deletionTimestamp !== undefined || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
        active++;
        if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) available++;
      }
      maxActive = Math.max(maxActive, active);
      if (available >= replicas - unavailable) minAvailableReached = true;
      if (minAvailableReached) minAvailable = Math.min(minAvailable, available);
    };
    sim.api.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      if (e.type === 'DELETED') pods.delete(p.metadata.uid);
      else pods.set(p.metadata.uid, p);
      check();
    });
    setImage(sim, 'web', 'nginx:1.28');
    sim.runUntilIdle(3600_000);

    expect(maxActive).toBeLessThanOrEqual(replicas + surge);
    expect(minAvailable).toBeGreaterThanOrEqual(replicas - unavailable);
    // ... and the rollout completed
    const d = getDeployment(sim, 'web');
    expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(condition(d.status, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(rsWithImage(sim, 'web', 'nginx:1.27').spec!.replicas).toBe(0);
    expect([...pods.values()].every((p) => p.spec!.containers[0].image === 'nginx:1.28')).toBe(true);
  });
});
