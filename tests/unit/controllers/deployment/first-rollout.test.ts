// A new Deployment (§3.5, §3.9, §0.1): its ReplicaSet `<deployment>-<pod-template-hash>` with labels,
// selector, annotations and owner, the 1.35 ScalingReplicaSet event, and the status and conditions.
import { describe, expect, it } from 'vitest';
import type { EventObject, Pod } from '../../../../src/engine/api/kinds.ts';
import { controllerOf } from '../../../../src/engine/api/objects.ts';
import { computeHash } from '../../../../src/engine/controllers/deployment/hash.ts';
import {
  HASH, apply, condition, deploymentManifest, getDeployment, newSim, recordEvents, recordStatuses, replicaSetsOf,
} from './helpers.ts';

describe('Deployment: first rollout', () => {
  it('creates <deployment>-<hash> with the hash label on labels, selector and template (§3.5, §0.1)', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 3));
    sim.runFor(10_000);
    const d = getDeployment(sim, 'web');
    const [rs] = replicaSetsOf(sim, 'web');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(hash).toMatch(HASH);
    expect(hash).toBe(computeHash(d.spec!.template));
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec!.template.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.replicas).toBe(3);
    expect(rs.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    // §3.5 annotations: revision 1, desired = replicas, max = replicas + maxSurge (25% of 3 rounds up to 1)
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    // The Deployment was applied (sim.apply = kubectl apply), so it also carries kubectl's last-applied annotation;
    // the controller adds only the revision. The ReplicaSet copies neither (§3.5: kubectl.kubernetes.io/* skipped).
    expect(d.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'kubectl.kubernetes.io/last-applied-configuration': expect.any(String),
    });
    // pods are named after the ReplicaSet and carry the hash label
    const pods = sim.api.list<Pod>('Pod');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(controllerOf(p)?.name).toBe(rs.metadata.name);
    }
  });

  it('records "Scaled up replica set <rs> from 0 to N" (1.35 wording) on the Deployment (§3.5)', () => {
    const sim = newSim();
    const events = recordEvents(sim, 'Deployment', 'web');
    apply(sim, deploymentManifest('web', 3));
    sim.runFor(10_000);
    const [rs] = replicaSetsOf(sim, 'web');
    expect(events).toEqual([
      { time: expect.any(Number), type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs.metadata.name} from 0 to 3`, component: 'deployment-controller' },
    ]);
  });

  it('reports progress while pods start and completes with NewReplicaSetAvailable (§3.9)', () => {
    const sim = newSim({ readyDelayMs: 3_000 });
    const statuses = recordStatuses(sim, 'web');
    apply(sim, deploymentManifest('web', 3));
    sim.runFor(1_000);
    const [rs] = replicaSetsOf(sim, 'web');
    const early = getDeployment(sim, 'web').status!;
    // not ready yet: counts present, ready/available omitted, unavailableReplicas 3
    expect(early).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3, terminatingReplicas: 0 });
    expect(early.readyReplicas).toBeUndefined();
    expect(early.availableReplicas).toBeUndefined();
    expect(condition(early, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    // the first status write carries the creation condition
    expect(condition(statuses[0].status, 'Progressing')).toMatchObject({
      status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rs.metadata.name}"`,
    });
    expect(statuses.some((s) => condition(s.status, 'Progressing')?.reason === 'ReplicaSetUpdated'
      && condition(s.status, 'Progressing')?.message === `ReplicaSet "${rs.metadata.name}" is progressing.`)).toBe(true);

    sim.runFor(20_000);
    const done = getDeployment(sim, 'web').status!;
    expect(done).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      terminatingReplicas: 0,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: expect.any(String), lastTransitionTime: expect.any(String), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: expect.any(String), lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` },
      ],
    });
  });

  it('keeps lastTransitionTime of Progressing while only lastUpdateTime moves (§3.9)', () => {
    const sim = newSim({ readyDelayMs: (p) => (p.metadata.name.charCodeAt(p.metadata.name.length - 1) % 5) * 2_000 + 2_000 });
    const statuses = recordStatuses(sim, 'web');
    apply(sim, deploymentManifest('web', 5));
    sim.runFor(60_000);
    const progressing = statuses.map((s) => condition(s.status, 'Progressing')).filter((c) => c !== undefined);
    expect(new Set(progressing.map((c) => c!.lastTransitionTime))).toEqual(new Set(['2026-01-01T00:00:00Z']));
    expect(new Set(progressing.map((c) => c!.lastUpdateTime)).size).toBeGreaterThan(1);
  });

  it('warns SelectingAll for an empty selector and does nothing else (§3.4)', () => {
    const sim = newSim();
    // Validation would refuse this; the controller still guards against it.
    const manifest = deploymentManifest('all', 1);
    const r = sim.api.createInternal({ ...manifest, spec: { ...(manifest.spec as object), selector: {} }, metadata: { name: 'all', uid: '', resourceVersion: '', creationTimestamp: '' } } as never);
    expect(r.ok).toBe(true);
    sim.runFor(5_000);
    const events = sim.api.list<EventObject>('Event').filter((e) => e.involvedObject.name === 'all');
    // Recorded by the first sync and again by the sync its observedGeneration write triggers (aggregated).
    expect(events.map((e) => [e.type, e.reason, e.message, e.count, e.source.component])).toEqual([
      ['Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', 2, 'deployment-controller'],
    ]);
    expect(getDeployment(sim, 'all').status).toEqual({ observedGeneration: 1 });
    expect(sim.api.list('ReplicaSet')).toHaveLength(0);
  });
});
