// Node failure and restore (`lab fail-node` / `lab restore-node`): node lifecycle controller (NotReady after the
// node monitor grace period, taints, MarkPodsNotReady) and the taint eviction controller (300 s default
// toleration, DisruptionTarget, pods Terminating until the node returns).
import { describe, expect, it } from 'vitest';
import type { EventObject, Node, Pod } from '../../../src/engine/api/kinds.ts';
import { LATENCY } from '../../../src/engine/sim/latencies.ts';
import { failNode, restoreNode } from '../../../src/engine/node/faults.ts';
import { apply, cluster, condition, getPod, node, pod, podEvents, statusColumn } from './helpers.ts';

function readyCondition(n: Node | undefined) {
  return (n?.status?.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined)?.find((c) => c.type === 'Ready');
}

function nodeEvents(sim: ReturnType<typeof cluster>, name: string): EventObject[] {
  return (sim.api.list('Event') as EventObject[]).filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === name);
}

const twoNodes = () => cluster({ nodes: [node({ name: 'n1', ip: '10.0.0.11' }), node({ name: 'n2', ip: '10.0.0.12' })] });

describe('node status', () => {
  it('kubelets report Ready with the real reasons, node info and the start-up events', () => {
    const sim = twoNodes();
    sim.runFor(1_000);
    const n = sim.api.get<Node>('Node', undefined, 'n1')!;
    const conds = n.status!.conditions as unknown as Record<string, string>[];
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(n.status!.nodeInfo).toMatchObject({ kubeletVersion: expect.stringMatching(/^v1\.35\.\d+$/), containerRuntimeVersion: expect.stringMatching(/^containerd:\/\//), operatingSystem: 'linux', architecture: 'amd64' });
    expect(n.spec!.podCIDR).toMatch(/^10\.244\.\d+\.0\/24$/);
    expect(nodeEvents(sim, 'n1').map((e) => e.reason)).toEqual(expect.arrayContaining(['Starting', 'NodeHasSufficientMemory', 'NodeReady', 'RegisteredNode']));
    expect(nodeEvents(sim, 'n1').find((e) => e.reason === 'NodeReady')!.message).toBe('Node n1 status is now: NodeReady');
  });
});

describe('lab fail-node / restore-node', () => {
  it('marks the node Unknown after the grace period, taints it, marks its pods not ready, evicts them after 300 s', () => {
    const sim = twoNodes();
    let noExecuteAt: number | null = null;
    sim.api.watch(['Node'], (e) => {
      const n = e.object as Node;
      if (noExecuteAt === null && n.metadata.name === 'n1' && n.spec?.taints?.some((t) => t.effect === 'NoExecute')) noExecuteAt = e.time;
    });
    apply(sim, pod({ name: 'web', nodeSelector: { 'kubernetes.io/hostname': 'n1' } }));
    sim.runFor(30_000);
    expect(condition(getPod(sim, 'web'), 'Ready')!.status).toBe('True');
    const failedAt = sim.now();
    expect(failNode(sim.context, 'n1')).toBeNull();
    expect(failNode(sim.context, 'n1')).toBe('node "n1" is already failed');
    expect(failNode(sim.context, 'nope')).toBe('nodes "nope" not found');

    sim.runFor(LATENCY.nodeMonitorGracePeriod - 10_000);
    expect(readyCondition(sim.api.get<Node>('Node', undefined, 'n1'))!.status).toBe('True'); // still within the grace period
    // the monitor runs every 5 s and sees the last lease renewal (every 10 s) on its next pass
    sim.runFor(30_000);
    const n1 = sim.api.get<Node>('Node', undefined, 'n1')!;
    expect(readyCondition(n1)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const c of n1.status!.conditions as unknown as { status: string }[]) expect(c.status).toBe('Unknown');
    expect(n1.spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(nodeEvents(sim, 'n1').find((e) => e.reason === 'NodeNotReady')).toMatchObject({ message: 'Node n1 status is now: NodeNotReady', source: { component: 'node-controller' } });
    const unknownAt = Date.parse(n1.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!);
    expect(unknownAt - failedAt).toBeGreaterThan(LATENCY.nodeMonitorGracePeriod);
    expect(unknownAt - failedAt).toBeLessThanOrEqual(LATENCY.nodeMonitorGracePeriod + 15_000);

    const p = getPod(sim, 'web')!;
    expect(condition(p, 'Ready')!.status).toBe('False');
    expect(p.status!.phase).toBe('Running');
    expect(podEvents(sim, 'web').find((e) => e.reason === 'NodeNotReady')).toMatchObject({ type: 'Warning', message: 'Node is not ready' });

    // new pods avoid the node (untolerated unreachable:NoSchedule)
    apply(sim, pod({ name: 'fresh' }));
    sim.runFor(1_000);
    expect(getPod(sim, 'fresh')!.spec!.nodeName).toBe('n2');

    // eviction: 300 s (DefaultTolerationSeconds) after the taint eviction controller noticed the NoExecute taint
    expect(noExecuteAt).not.toBeNull();
    sim.runUntil(noExecuteAt! + 300_000 - 1);
    expect(getPod(sim, 'web')!.metadata.deletionTimestamp).toBeUndefined();
    sim.runUntil(noExecuteAt! + 300_000);
    const evicted = getPod(sim, 'web')!;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(condition(evicted, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(podEvents(sim, 'web').find((e) => e.reason === 'TaintManagerEviction')!.message).toBe('Marking for deletion Pod default/web');
    // nobody can finish the deletion while the kubelet is away
    sim.runFor(30 * 60_000);
    expect(statusColumn(getPod(sim, 'web')!)).toBe('Terminating');

    expect(restoreNode(sim.context, 'n1')).toBeNull();
    expect(restoreNode(sim.context, 'n1')).toBe('node "n1" is not failed');
    sim.runFor(10_000);
    const back = sim.api.get<Node>('Node', undefined, 'n1')!;
    expect(readyCondition(back)).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(back.spec!.taints).toBeUndefined();
    expect(getPod(sim, 'web')).toBeUndefined(); // the kubelet stopped the container and finished the deletion
    expect(podEvents(sim, 'web').find((e) => e.reason === 'Killing')).toMatchObject({ message: 'Stopping container app', source: { component: 'kubelet', host: 'n1' } });
  });

  it('a pod that tolerates unreachable forever is not evicted and becomes Ready again', () => {
    const sim = twoNodes();
    apply(sim, pod({ name: 'pinned', nodeSelector: { 'kubernetes.io/hostname': 'n1' }, extraSpec: { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] } }));
    sim.runFor(10_000);
    failNode(sim.context, 'n1');
    sim.runFor(20 * 60_000);
    expect(getPod(sim, 'pinned')!.metadata.deletionTimestamp).toBeUndefined();
    expect(condition(getPod(sim, 'pinned'), 'Ready')!.status).toBe('False');
    restoreNode(sim.context, 'n1');
    sim.runFor(10_000);
    expect(condition(getPod(sim, 'pinned'), 'Ready')!.status).toBe('True');
  });

  it('when every node is down the controller evicts nothing (full disruption)', () => {
    const sim = cluster({ nodes: [node({ name: 'only' })] });
    apply(sim, pod({ name: 'web' }));
    sim.runFor(10_000);
    failNode(sim.context, 'only');
    sim.runFor(20 * 60_000);
    const n = sim.api.get<Node>('Node', undefined, 'only')!;
    expect(readyCondition(n)!.status).toBe('Unknown');
    expect((n.spec!.taints ?? []).some((t) => t.effect === 'NoExecute')).toBe(false);
    expect(getPod(sim, 'web')!.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('pod fields on the failed node', () => {
  it('keeps phase Running while Ready is False (kubectl shows Running)', () => {
    const sim = twoNodes();
    apply(sim, pod({ name: 'web', nodeSelector: { 'kubernetes.io/hostname': 'n2' } }));
    sim.runFor(10_000);
    failNode(sim.context, 'n2');
    sim.runFor(2 * 60_000);
    const p = getPod(sim, 'web') as Pod;
    expect(statusColumn(p)).toBe('Running');
    expect(condition(p, 'Ready')!.status).toBe('False');
  });
});
