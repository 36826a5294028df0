// Recreate (§3.7) and proportional scaling during a rollout (§3.8, with the documentation's example).
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import {
  apply, condition, deploymentManifest, editDeployment, getDeployment, newSim, recordEvents, recordStatuses, rsWithImage, setImage,
} from './helpers.ts';

describe('Recreate (§3.7)', () => {
  it('scales the old ReplicaSet to 0, waits for its pods to be gone, then creates the new one at full size', () => {
    const sim = newSim({ terminateDelayMs: 5_000 });
    apply(sim, deploymentManifest('db', 3, { strategy: { type: 'Recreate' } }));
    sim.runFor(10_000);
    const events = recordEvents(sim, 'Deployment', 'db');
    const statuses = recordStatuses(sim, 'db');
    // Watch: old pods' removal and the new ReplicaSet's creation.
    let lastOldPodGone = 0;
    let newRSCreated = 0;
    let overlap = false;
    const live = new Map<string, Pod>();
    for (const p of sim.api.list<Pod>('Pod')) live.set(p.metadata.uid, p);
    sim.api.watch(['Pod', 'ReplicaSet'], (e) => {
      if (e.object.kind === 'ReplicaSet') {
        const rs = e.object as ReplicaSet;
        if (e.type === 'ADDED' && rs.spec!.template.spec.containers[0].image === 'postgres:17') newRSCreated = e.time;
        return;
      }
      const p = e.object as Pod;
      if (e.type === 'DELETED') {
        live.delete(p.metadata.uid);
        if (p.spec!.containers[0].image === 'nginx:1.27') lastOldPodGone = e.time;
      } else live.set(p.metadata.uid, p);
      const images = new Set([...live.values()].map((x) => x.spec!.containers[0].image));
      if (images.size > 1) overlap = true;
    });
    editDeployment(sim, 'db', (d) => {
      d.spec!.template.spec.containers[0].image = 'postgres:17';
    });
    sim.runFor(60_000);
    const oldRS = rsWithImage(sim, 'db', 'nginx:1.27').metadata.name;
    const newRS = rsWithImage(sim, 'db', 'postgres:17').metadata.name;
    expect(events.map((e) => e.message)).toEqual([`Scaled down replica set ${oldRS} from 3 to 0`, `Scaled up replica set ${newRS} from 0 to 3`]);
    expect(overlap).toBe(false);
    expect(lastOldPodGone).toBeGreaterThan(0);
    expect(newRSCreated).toBeGreaterThan(lastOldPodGone);
    // maxUnavailable is 0 for Recreate: Available is False while the pods are replaced
    expect(statuses.some((s) => condition(s.status, 'Available')?.status === 'False')).toBe(true);
    const d = getDeployment(sim, 'db');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(condition(d.status, 'Available')?.status).toBe('True');
    expect(condition(d.status, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });
});

describe('Proportional scaling (§3.8)', () => {
  it('reproduces the documentation example: 10 → 15 mid-rollout turns old 8 / new 5 into 11 / 7', () => {
    // maxSurge 3, maxUnavailable 2; the new image never becomes ready, so the rollout stops at old 8 / new 5.
    const sim = newSim({ ready: (p) => p.spec!.containers[0].image !== 'nginx:broken' });
    apply(sim, deploymentManifest('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    sim.runFor(10_000);
    setImage(sim, 'web', 'nginx:broken');
    sim.runFor(30_000);
    const oldRS = rsWithImage(sim, 'web', 'nginx:1.27');
    const newRS = rsWithImage(sim, 'web', 'nginx:broken');
    expect([oldRS.spec!.replicas, newRS.spec!.replicas]).toEqual([8, 5]);

    const events = recordEvents(sim, 'Deployment', 'web');
    editDeployment(sim, 'web', (d) => {
      d.spec!.replicas = 15;
    });
    sim.runFor(5_000);
    // allowed 15 + 3 = 18, 5 to add: old round(8×18/13)=11 (+3) first as the larger, new round(5×18/13)=7 (+2)
    expect(events.map((e) => e.message)).toEqual([
      `Scaled up replica set ${oldRS.metadata.name} from 8 to 11`,
      `Scaled up replica set ${newRS.metadata.name} from 5 to 7`,
    ]);
    for (const rs of [rsWithImage(sim, 'web', 'nginx:1.27'), rsWithImage(sim, 'web', 'nginx:broken')]) {
      expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '15', 'deployment.kubernetes.io/max-replicas': '18' });
    }
  });

  it('scales a single active ReplicaSet straight to spec.replicas', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 2));
    sim.runFor(10_000);
    const events = recordEvents(sim, 'Deployment', 'web');
    editDeployment(sim, 'web', (d) => {
      d.spec!.replicas = 6;
    });
    sim.runFor(10_000);
    const rs = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;
    expect(events.map((e) => e.message)).toEqual([`Scaled up replica set ${rs} from 2 to 6`]);
    editDeployment(sim, 'web', (d) => {
      d.spec!.replicas = 1;
    });
    sim.runFor(10_000);
    expect(events.map((e) => e.message).at(-1)).toBe(`Scaled down replica set ${rs} from 6 to 1`);
    expect(getDeployment(sim, 'web').status).toMatchObject({ replicas: 1, availableReplicas: 1 });
  });
});
