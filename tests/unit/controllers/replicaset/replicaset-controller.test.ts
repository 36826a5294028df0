// The ReplicaSet controller end to end: pod creation (names, labels, owner references, defaults, events),
// the burst cap, scaling up and down, adoption and release. Expectations quote the reference sections.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import { controllerOf } from '../../../../src/engine/api/objects.ts';
import {
  T0, activePodsOf, apply, eventsAbout, getRS, newSim, orphanPod, podsOf, rsManifest, scaleRS,
} from './helpers.ts';

const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

describe('ReplicaSet: creating pods', () => {
  it('creates spec.replicas pods named <rs>-<5 chars> with the template labels and a controller reference (§0.1, §0.2)', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 3, { annotations: { 'example.com/team': 'web' } }));
    sim.runFor(5_000);
    const rs = getRS(sim, 'frontend');
    const pods = podsOf(sim, 'frontend');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name.startsWith('frontend-')).toBe(true);
      expect(p.metadata.name.slice('frontend-'.length)).toMatch(SUFFIX);
      expect(p.metadata.generateName).toBe('frontend-');
      expect(p.metadata.labels).toEqual({ tier: 'frontend', app: 'guestbook' });
      expect(p.metadata.annotations).toEqual({ 'example.com/team': 'web' });
      // §0.2: exactly one owner reference with controller and blockOwnerDeletion.
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(new Set(pods.map((p) => p.metadata.uid)).size).toBe(3);
  });

  it('gives the pods the API server defaults of a new Pod (§1.1)', () => {
    const sim = newSim(null);
    apply(sim, rsManifest('frontend', 1));
    sim.runFor(1_000);
    const [pod] = podsOf(sim, 'frontend');
    expect(pod.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', enableServiceLinks: true });
    expect(pod.spec!.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('records SuccessfulCreate / "Created pod: <name>" on the ReplicaSet from replicaset-controller (§0.3)', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 3));
    sim.runFor(5_000);
    const events = eventsAbout(sim, 'ReplicaSet', 'frontend');
    const names = podsOf(sim, 'frontend').map((p) => p.metadata.name).sort();
    expect(events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(events.map((e) => e.message).sort()).toEqual(names.map((n) => `Created pod: ${n}`));
    for (const e of events) expect(e).toMatchObject({ type: 'Normal', source: { component: 'replicaset-controller' }, involvedObject: { kind: 'ReplicaSet', name: 'frontend' } });
  });

  it('creates at most 500 pods per sync (BurstReplicas, §2.1) and the rest on the next sync', () => {
    const sim = newSim(null);
    apply(sim, rsManifest('big', 600));
    sim.runUntil(T0 + 10); // the first sync, one controller latency after the ReplicaSet appeared
    expect(podsOf(sim, 'big')).toHaveLength(500);
    sim.runFor(1_000);
    expect(podsOf(sim, 'big')).toHaveLength(600);
    // expectations: no pod beyond spec.replicas was ever created
    expect(eventsAbout(sim, 'ReplicaSet', 'big').filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(600);
  });

  it('never creates more than spec.replicas while the ReplicaSet keeps changing (expectations, §2.1)', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 5));
    // label churn on the ReplicaSet at the same instants as its syncs
    for (let i = 0; i < 5; i++) {
      sim.runFor(10);
      sim.api.patch('ReplicaSet', 'default', 'frontend', (rs) => {
        rs.metadata.labels = { ...rs.metadata.labels, churn: String(i) };
      });
    }
    sim.runFor(10_000);
    expect(podsOf(sim, 'frontend')).toHaveLength(5);
    expect(eventsAbout(sim, 'ReplicaSet', 'frontend').filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(5);
  });
});

describe('ReplicaSet: scaling', () => {
  it('scales up and down, recording SuccessfulDelete / "Deleted pod: <name>" (§0.3, §2.1)', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 3));
    sim.runFor(5_000);
    scaleRS(sim, 'frontend', 5);
    sim.runFor(5_000);
    expect(activePodsOf(sim, 'frontend')).toHaveLength(5);
    scaleRS(sim, 'frontend', 2);
    sim.runFor(100);
    // §1.9/§2.1: deleted pods are Terminating at once and no longer counted
    expect(activePodsOf(sim, 'frontend')).toHaveLength(2);
    const deletes = eventsAbout(sim, 'ReplicaSet', 'frontend').filter((e) => e.reason === 'SuccessfulDelete');
    expect(deletes).toHaveLength(3);
    const terminating = podsOf(sim, 'frontend').filter((p) => p.metadata.deletionTimestamp !== undefined).map((p) => `Deleted pod: ${p.metadata.name}`);
    expect(deletes.map((e) => e.message).sort()).toEqual(terminating.sort());
    sim.runFor(5_000);
    expect(podsOf(sim, 'frontend')).toHaveLength(2);
  });

  it('replaces a deleted pod while the old one is still Terminating (§2.1)', () => {
    const sim = newSim({ terminateDelayMs: 20_000 });
    apply(sim, rsManifest('frontend', 2));
    sim.runFor(5_000);
    const victim = podsOf(sim, 'frontend')[0];
    sim.api.delete('Pod', 'default', victim.metadata.name);
    sim.runFor(100);
    expect(sim.api.get('Pod', 'default', victim.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    expect(activePodsOf(sim, 'frontend')).toHaveLength(2);
    expect(podsOf(sim, 'frontend')).toHaveLength(3);
  });

  it('scales to zero and back', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 2));
    sim.runFor(5_000);
    scaleRS(sim, 'frontend', 0);
    sim.runFor(5_000);
    expect(podsOf(sim, 'frontend')).toHaveLength(0);
    scaleRS(sim, 'frontend', 1);
    sim.runFor(5_000);
    expect(activePodsOf(sim, 'frontend')).toHaveLength(1);
  });
});

describe('ReplicaSet: adoption and release (§0.2)', () => {
  it('adopts a matching orphan pod and creates only the missing replicas', () => {
    const sim = newSim();
    apply(sim, orphanPod('stray', { tier: 'frontend' }));
    apply(sim, rsManifest('frontend', 2));
    sim.runFor(5_000);
    const rs = getRS(sim, 'frontend');
    const stray = sim.api.get<Pod>('Pod', 'default', 'stray')!;
    expect(stray.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(podsOf(sim, 'frontend')).toHaveLength(2);
    expect(eventsAbout(sim, 'ReplicaSet', 'frontend').filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(1);
  });

  it('leaves pods controlled by someone else alone', () => {
    const sim = newSim();
    const r = sim.api.create({ ...orphanPod('owned', { tier: 'frontend' }) });
    expect(r.ok).toBe(true);
    sim.api.patch<Pod>('Pod', 'default', 'owned', (p) => {
      p.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'other', uid: 'u-other', controller: true, blockOwnerDeletion: true }];
    });
    apply(sim, rsManifest('frontend', 1));
    sim.runFor(5_000);
    expect(controllerOf(sim.api.get<Pod>('Pod', 'default', 'owned')!)?.kind).toBe('Job');
    expect(podsOf(sim, 'frontend')).toHaveLength(1);
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const sim = newSim();
    apply(sim, rsManifest('frontend', 2));
    sim.runFor(5_000);
    const [first] = podsOf(sim, 'frontend');
    sim.api.patch<Pod>('Pod', 'default', first.metadata.name, (p) => {
      p.metadata.labels = { tier: 'debug' };
    });
    sim.runFor(5_000);
    expect(sim.api.get<Pod>('Pod', 'default', first.metadata.name)!.metadata.ownerReferences).toBeUndefined();
    expect(activePodsOf(sim, 'frontend')).toHaveLength(2);
    expect(podsOf(sim, 'frontend').map((p) => p.metadata.name)).not.toContain(first.metadata.name);
  });
});
