// The default scheduler: binding, spreading, and the 1.35 FailedScheduling messages of reference §1.8.
import { describe, expect, it } from 'vitest';
import type { EventObject, Pod } from '../../../src/engine/api/kinds.ts';
import { LATENCY } from '../../../src/engine/sim/latencies.ts';
import { apply, cluster, condition, getPod, node, pod, podEvents, statusColumn } from './helpers.ts';
import { histogram } from '../../../src/engine/node/fit-error.ts';

const TAIL = 'no new claims to deallocate, preemption: ';

function failedScheduling(sim: ReturnType<typeof cluster>, name: string): EventObject | undefined {
  return podEvents(sim, name).find((e) => e.reason === 'FailedScheduling');
}

/** A pod that holds `requests` on `nodeName` (bound by nodeSelector on the hostname label). */
function filler(name: string, nodeName: string, requests: Record<string, string>) {
  const { 'nvidia.com/gpu': gpu, ...rest } = requests;
  return pod({ name, requests: rest, ...(gpu ? { limits: { 'nvidia.com/gpu': gpu } } : {}), nodeSelector: { 'kubernetes.io/hostname': nodeName } });
}

describe('binding', () => {
  it('binds after LATENCY.scheduling with PodScheduled=True and the Scheduled event', () => {
    const sim = cluster({ nodes: [node({ name: 'node-1' })] });
    apply(sim, pod({ name: 'web' }));
    sim.runFor(LATENCY.scheduling - 1);
    expect(getPod(sim, 'web')!.spec!.nodeName).toBeUndefined();
    sim.runFor(1);
    const p = getPod(sim, 'web')!;
    expect(p.spec!.nodeName).toBe('node-1');
    expect(condition(p, 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' });
    expect(podEvents(sim, 'web')[0]).toMatchObject({ reason: 'Scheduled', message: 'Successfully assigned default/web to node-1' });
  });

  it('prefers the least allocated node', () => {
    const sim = cluster({ nodes: [node({ name: 'a' }), node({ name: 'b' })] });
    apply(sim, filler('big', 'a', { cpu: '3', memory: '8Gi' }));
    sim.runFor(1000);
    apply(sim, pod({ name: 'web', requests: { cpu: '100m', memory: '128Mi' } }));
    sim.runFor(1000);
    expect(getPod(sim, 'web')!.spec!.nodeName).toBe('b');
  });

  it('spreads equal pods over equal nodes and never overcommits', () => {
    const sim = cluster({ nodes: [node({ name: 'a', cpu: '1' }), node({ name: 'b', cpu: '1' })] });
    for (let i = 0; i < 5; i++) apply(sim, pod({ name: `p${i}`, requests: { cpu: '400m' } }));
    sim.runFor(2000);
    const pods = sim.api.list<Pod>('Pod');
    const perNode = (n: string) => pods.filter((p) => p.spec!.nodeName === n).length;
    expect([perNode('a'), perNode('b')]).toEqual([2, 2]);
    const pending = pods.find((p) => !p.spec!.nodeName)!;
    expect(statusColumn(pending)).toBe('Pending');
    expect(condition(pending, 'PodScheduled')!.message).toBe(`0/2 nodes are available: 2 Insufficient cpu. ${TAIL}0/2 nodes are available: 2 No preemption victims found for incoming pod.`);
  });
});

describe('spreading', () => {
  it('spreads the pods of one ReplicaSet over the nodes (PodTopologySpread system defaults)', () => {
    // The default cluster's three CPU nodes (its GPU nodes are tainted for GPU pods only).
    const sim = cluster();
    for (let i = 0; i < 6; i++) {
      const p = pod({ name: `web-${i}` });
      (p.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }];
      apply(sim, p);
    }
    sim.runFor(2000);
    const perNode = new Map<string, number>();
    for (const p of sim.api.list<Pod>('Pod')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
  });

  it('keeps ordinary pods off the tainted GPU nodes and gives GPU pods the toleration (ExtendedResourceToleration)', () => {
    const sim = cluster();
    apply(sim, pod({ name: 'plain' }));
    apply(sim, pod({ name: 'train', limits: { 'nvidia.com/gpu': '1' } }));
    sim.runFor(2000);
    expect(getPod(sim, 'plain')!.spec!.nodeName).toMatch(/^node-\d$/);
    const train = getPod(sim, 'train')!;
    expect(train.spec!.nodeName).toMatch(/^gpu-node-\d$/);
    expect(train.spec!.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
  });
});

describe('FailedScheduling messages (§1.8, 1.35)', () => {
  it('sorts histogram items as plain strings', () => {
    expect(histogram(['b', 'a', 'a'])).toBe('1 b, 2 a');
    expect(histogram([...Array(10).fill('x'), 'y', 'y'])).toBe('10 x, 2 y');
  });

  it('every node full on GPUs it does have', () => {
    const sim = cluster({ nodes: ['g1', 'g2', 'g3'].map((name) => node({ name, gpus: 1 })) });
    for (const n of ['g1', 'g2', 'g3']) apply(sim, filler(`busy-${n}`, n, { 'nvidia.com/gpu': '1' }));
    sim.runFor(1000);
    apply(sim, pod({ name: 'train', limits: { 'nvidia.com/gpu': '1' } }));
    sim.runFor(1000);
    const msg = `0/3 nodes are available: 3 Insufficient nvidia.com/gpu. ${TAIL}0/3 nodes are available: 3 No preemption victims found for incoming pod.`;
    const p = getPod(sim, 'train')!;
    expect(p.status!.phase).toBe('Pending');
    expect(condition(p, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(failedScheduling(sim, 'train')).toMatchObject({ type: 'Warning', message: msg, source: { component: 'default-scheduler' } });
  });

  it('GPU present on one (full) node, absent on two', () => {
    const sim = cluster({ nodes: [node({ name: 'g1', gpus: 1 }), node({ name: 'c1' }), node({ name: 'c2' })] });
    apply(sim, filler('busy', 'g1', { 'nvidia.com/gpu': '1' }));
    sim.runFor(1000);
    apply(sim, pod({ name: 'train', limits: { 'nvidia.com/gpu': '1' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'train')!.message).toBe(`0/3 nodes are available: 3 Insufficient nvidia.com/gpu. ${TAIL}0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`);
  });

  it('cpu and memory', () => {
    const sim = cluster({ nodes: [node({ name: 'n1', cpu: '2', memory: '4Gi' })] });
    apply(sim, filler('busy', 'n1', { cpu: '1500m', memory: '3Gi' }));
    sim.runFor(1000);
    apply(sim, pod({ name: 'web', requests: { cpu: '1', memory: '2Gi' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'web')!.message).toBe(`0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. ${TAIL}0/1 nodes are available: 1 No preemption victims found for incoming pod.`);
  });

  it('selector mismatch', () => {
    const sim = cluster({ nodes: [node({ name: 'a' }), node({ name: 'b' })] });
    apply(sim, pod({ name: 'web', nodeSelector: { disktype: 'ssd' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'web')!.message).toBe(`0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. ${TAIL}0/2 nodes are available: 2 Preemption is not helpful for scheduling.`);
  });

  it('tainted control plane plus busy workers', () => {
    const sim = cluster({
      nodes: [
        node({ name: 'cp', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
        node({ name: 'w1', cpu: '1' }),
        node({ name: 'w2', cpu: '1' }),
      ],
    });
    apply(sim, filler('busy1', 'w1', { cpu: '900m' }));
    apply(sim, filler('busy2', 'w2', { cpu: '900m' }));
    sim.runFor(1000);
    apply(sim, pod({ name: 'web', requests: { cpu: '500m' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'web')!.message).toBe(`0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. ${TAIL}0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`);
  });

  it('cordoned single node (NodeUnschedulable runs before TaintToleration)', () => {
    const sim = cluster({ nodes: [node({ name: 'n1', unschedulable: true })] });
    apply(sim, pod({ name: 'web' }));
    sim.runFor(1000);
    // the node lifecycle controller has added the unschedulable taint meanwhile
    expect(sim.api.get<import('../../../src/engine/api/kinds.ts').Node>('Node', undefined, 'n1')!.spec!.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' }]);
    expect(failedScheduling(sim, 'web')!.message).toBe(`0/1 nodes are available: 1 node(s) were unschedulable. ${TAIL}0/1 nodes are available: 1 Preemption is not helpful for scheduling.`);
  });

  it('combined: taint, cordon and selector', () => {
    const sim = cluster({
      nodes: [
        node({ name: 'a', taints: [{ key: 'dedicated', value: 'ml', effect: 'NoSchedule' }], labels: { disktype: 'ssd' } }),
        node({ name: 'b', unschedulable: true, labels: { disktype: 'ssd' } }),
        node({ name: 'c' }),
        node({ name: 'd' }),
      ],
    });
    apply(sim, pod({ name: 'web', nodeSelector: { disktype: 'ssd' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'web')!.message).toBe(`0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. ${TAIL}0/4 nodes are available: 4 Preemption is not helpful for scheduling.`);
  });

  it('a request larger than any node is "not helpful"; a full pod count is Too many pods', () => {
    const sim = cluster({ nodes: [node({ name: 'a', cpu: '2', pods: '1' }), node({ name: 'b', cpu: '2' })] });
    apply(sim, filler('only', 'a', {}));
    sim.runFor(1000);
    apply(sim, pod({ name: 'huge', requests: { cpu: '3' } }));
    apply(sim, pod({ name: 'pinned', nodeSelector: { 'kubernetes.io/hostname': 'a' } }));
    sim.runFor(1000);
    expect(failedScheduling(sim, 'huge')!.message).toBe(`0/2 nodes are available: 1 Too many pods, 2 Insufficient cpu. ${TAIL}0/2 nodes are available: 2 Preemption is not helpful for scheduling.`);
    expect(failedScheduling(sim, 'pinned')!.message).toBe(`0/2 nodes are available: 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector. ${TAIL}0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`);
  });

  it('tolerations and required node affinity are honoured', () => {
    const sim = cluster({ nodes: [node({ name: 'gpu', taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }], labels: { accel: 'a100' } }), node({ name: 'cpu' })] });
    apply(sim, pod({
      name: 'train',
      extraSpec: {
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'accel', operator: 'In', values: ['a100', 'h100'] }] }] } } },
      },
    }));
    sim.runFor(1000);
    expect(getPod(sim, 'train')!.spec!.nodeName).toBe('gpu');
  });
});

describe('retries', () => {
  it('a pending pod is scheduled once a bound pod is deleted, after its back-off', () => {
    const sim = cluster({ nodes: [node({ name: 'n1', cpu: '1' })] });
    apply(sim, pod({ name: 'first', requests: { cpu: '800m' } }));
    sim.runFor(100);
    apply(sim, pod({ name: 'second', requests: { cpu: '800m' } }));
    sim.runFor(200); // second fails at +50 ms
    expect(failedScheduling(sim, 'second')!.count).toBe(1);
    sim.api.delete('Pod', 'default', 'first', { gracePeriodSeconds: 0 });
    sim.runFor(500);
    expect(getPod(sim, 'second')!.spec!.nodeName).toBeUndefined(); // 1 s back-off since the attempt
    sim.runFor(1000);
    expect(getPod(sim, 'second')!.spec!.nodeName).toBe('n1');
  });

  it('without cluster changes an unschedulable pod is retried when the queue flushes it after 5 minutes', () => {
    const sim = cluster({ nodes: [node({ name: 'n1' })] });
    apply(sim, pod({ name: 'web', nodeSelector: { disktype: 'ssd' } }));
    sim.runFor(4 * 60_000);
    expect(failedScheduling(sim, 'web')!.count).toBe(1);
    sim.runFor(2 * 60_000);
    expect(failedScheduling(sim, 'web')!.count).toBe(2);
  });

  it('a node gaining the label makes the pod schedulable', () => {
    const sim = cluster({ nodes: [node({ name: 'n1' })] });
    apply(sim, pod({ name: 'web', nodeSelector: { disktype: 'ssd' } }));
    sim.runFor(2000);
    sim.api.patch('Node', undefined, 'n1', (n) => {
      n.metadata.labels = { ...n.metadata.labels, disktype: 'ssd' };
    });
    sim.runFor(2000);
    expect(getPod(sim, 'web')!.spec!.nodeName).toBe('n1');
    expect(condition(getPod(sim, 'web'), 'PodScheduled')!.status).toBe('True');
  });
});
