// §2.2: which pods go first on scale-down — each rule on its own with constructed pods, the log₂ buckets
// with their UID tie-break, and the order applied by the running controller.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import { rfc3339 } from '../../../../src/engine/clock/time-format.ts';
import { log2Floor, podDeletionCost, podsToDelete } from '../../../../src/engine/controllers/replicaset/deletion-order.ts';
import { T0, activePodsOf, apply, eventsAbout, newSim, rsManifest, scaleRS, storedPod } from './helpers.ts';

const NOW = T0 + 3600_000;

interface PodSpec {
  name: string;
  uid?: string;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  /** ms before NOW the pod became Ready; null = Ready without a transition time; undefined = not ready. */
  readyAgo?: number | null;
  restarts?: number;
  createdAgo?: number;
  cost?: string;
}

function pod(s: PodSpec): Pod {
  const ready =
    s.readyAgo === undefined
      ? [{ type: 'Ready', status: 'False' as const }]
      : [{ type: 'Ready', status: 'True' as const, ...(s.readyAgo === null ? {} : { lastTransitionTime: rfc3339(NOW - s.readyAgo) }) }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'default',
      uid: s.uid ?? `uid-${s.name}`,
      resourceVersion: '1',
      creationTimestamp: rfc3339(NOW - (s.createdAgo ?? 7200_000)),
      ...(s.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': s.cost } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(s.node !== '' ? { nodeName: s.node ?? 'node-1' } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: ready,
      containerStatuses: [{ name: 'c', state: {}, lastState: {}, ready: s.readyAgo !== undefined, restartCount: s.restarts ?? 0, image: 'x', imageID: '' }],
    },
  };
}

/** The names in deletion order (all but one deleted, so the controller must sort). */
function order(pods: Pod[], related: Pod[] = []): string[] {
  return podsToDelete(pods, related, pods.length - 1, NOW).map((p) => p.metadata.name);
}

describe('§2.2 ranking rules', () => {
  it('1. unassigned pods before assigned ones', () => {
    expect(order([pod({ name: 'assigned', phase: 'Pending' }), pod({ name: 'unassigned', node: '', phase: 'Pending' }), pod({ name: 'assigned2', phase: 'Pending' })])[0]).toBe('unassigned');
  });

  it('2. Pending < Unknown < Running', () => {
    const pods = [pod({ name: 'running', readyAgo: 60_000 }), pod({ name: 'unknown', phase: 'Unknown' }), pod({ name: 'pending', phase: 'Pending' }), pod({ name: 'running2', readyAgo: 60_000 })];
    expect(order(pods).slice(0, 2)).toEqual(['pending', 'unknown']);
  });

  it('3. not ready before ready', () => {
    expect(order([pod({ name: 'ready', readyAgo: 60_000 }), pod({ name: 'notready' }), pod({ name: 'ready2', readyAgo: 60_000 })])[0]).toBe('notready');
  });

  it('4. lower pod-deletion-cost first; malformed costs count as 0', () => {
    const pods = [pod({ name: 'c100', cost: '100', readyAgo: 60_000 }), pod({ name: 'cminus', cost: '-5', readyAgo: 60_000 }), pod({ name: 'plain', readyAgo: 60_000 })];
    expect(order(pods)).toEqual(['cminus', 'plain']);
    expect(podDeletionCost(pod({ name: 'a', cost: '+10' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'a', cost: '007' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'a', cost: '2147483648' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'a', cost: '-2147483648' }))).toBe(-2147483648);
  });

  it('5. pods on a node with more related pods first ("doubled up")', () => {
    const a = pod({ name: 'a', node: 'node-1', readyAgo: 60_000 });
    const b = pod({ name: 'b', node: 'node-2', readyAgo: 60_000 });
    const c = pod({ name: 'c', node: 'node-2', readyAgo: 60_000 });
    // a sibling ReplicaSet's pod on node-1 makes node-1 the most crowded (2 vs 2 → tie), add one more
    const sibling1 = pod({ name: 's1', node: 'node-1', readyAgo: 60_000 });
    const sibling2 = pod({ name: 's2', node: 'node-1', readyAgo: 60_000 });
    expect(podsToDelete([a, b, c], [a, b, c, sibling1, sibling2], 1, NOW).map((p) => p.metadata.name)).toEqual(['a']);
    // without the siblings node-2 is the crowded one
    expect(podsToDelete([a, b, c], [a, b, c], 1, NOW)[0].spec!.nodeName).toBe('node-2');
  });

  it('6. both ready: the more recently ready first, in log₂ buckets of age', () => {
    // 10 s and 100 s ago are in different buckets (2^33 ns vs 2^36 ns): the newer goes first
    expect(order([pod({ name: 'old', readyAgo: 100_000, uid: 'a' }), pod({ name: 'new', readyAgo: 10_000, uid: 'z' })])).toEqual(['new']);
    // 40 s and 50 s ago share the 2^35 ns bucket: the UID decides, not the age
    expect(order([pod({ name: 'newer', readyAgo: 40_000, uid: 'b' }), pod({ name: 'older', readyAgo: 50_000, uid: 'a' })])).toEqual(['older']);
    expect(order([pod({ name: 'newer', readyAgo: 40_000, uid: 'a' }), pod({ name: 'older', readyAgo: 50_000, uid: 'b' })])).toEqual(['newer']);
    // an empty ready time counts as the newest
    expect(order([pod({ name: 'timed', readyAgo: 1_000 }), pod({ name: 'untimed', readyAgo: null })])).toEqual(['untimed']);
  });

  it('7. more container restarts first', () => {
    expect(order([pod({ name: 'calm', readyAgo: 60_000 }), pod({ name: 'restarty', readyAgo: 60_000, restarts: 3 })])).toEqual(['restarty']);
  });

  it('8. newer creationTimestamp first, in log₂ buckets with the UID tie-break', () => {
    expect(order([pod({ name: 'old', createdAgo: 7200_000, uid: 'a' }), pod({ name: 'young', createdAgo: 60_000, uid: 'z' })])).toEqual(['young']);
    // 40 s and 50 s share a bucket
    expect(order([pod({ name: 'young', createdAgo: 40_000, uid: 'z' }), pod({ name: 'old', createdAgo: 50_000, uid: 'a' })])).toEqual(['old']);
  });

  it('earlier rules win over later ones', () => {
    // a ready, restarting, newly created pod still goes after an unready old one (rule 3 before 7 and 8)
    const pods = [pod({ name: 'fresh-ready', readyAgo: 1_000, restarts: 9, createdAgo: 2_000 }), pod({ name: 'old-unready', createdAgo: 9_000_000 })];
    expect(order(pods)).toEqual(['old-unready']);
  });

  it('buckets ages as int64(math.Log2(ns)): exact at powers of two, truncated in between', () => {
    expect(log2Floor(2 ** 40)).toBe(40);
    expect(log2Floor(2 ** 40 - 1)).toBe(39);
    expect(log2Floor(2 ** 40 + 1)).toBe(40);
    expect(log2Floor(1)).toBe(0);
    expect(log2Floor(10_000 * 1e6)).toBe(33); // 10 s
    expect(log2Floor(100_000 * 1e6)).toBe(36); // 100 s
  });
});

describe('§2.2 applied by the controller', () => {
  it('deletes the unassigned, then the Pending, then the not-ready pod before ready ones', () => {
    const sim = newSim(null);
    const labels = { tier: 'frontend', app: 'guestbook' };
    storedPod(sim, 'ready', labels, { node: 'node-1', phase: 'Running', readyAt: T0 });
    storedPod(sim, 'unready', labels, { node: 'node-1', phase: 'Running', readyAt: null });
    storedPod(sim, 'pending', labels, { node: 'node-1', phase: 'Pending' });
    storedPod(sim, 'unassigned', labels, { phase: 'Pending' });
    apply(sim, rsManifest('frontend', 4)); // adopts all four
    sim.runFor(1_000);
    expect(activePodsOf(sim, 'frontend').map((p) => p.metadata.name).sort()).toEqual(['pending', 'ready', 'unassigned', 'unready']);
    scaleRS(sim, 'frontend', 2);
    sim.runFor(1_000);
    expect(activePodsOf(sim, 'frontend').map((p) => p.metadata.name).sort()).toEqual(['ready', 'unready']);
    scaleRS(sim, 'frontend', 1);
    sim.runFor(1_000);
    expect(activePodsOf(sim, 'frontend').map((p) => p.metadata.name)).toEqual(['ready']);
    const deleted = eventsAbout(sim, 'ReplicaSet', 'frontend').filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deleted.slice(0, 2).sort()).toEqual(['Deleted pod: pending', 'Deleted pod: unassigned']);
    expect(deleted[2]).toBe('Deleted pod: unready');
  });
});
