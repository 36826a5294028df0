// A node as the picture shows it: kubectl's STATUS (Ready/NotReady, SchedulingDisabled when cordoned), taints,
// allocatable against what the scheduler counts as requested (reference §1.8; node/resources.ts), GPU slots
// and the pods bound to it.
import type { Node } from '../api/kinds.ts';
import { columnsFor } from '../kubectl/printers/columns.ts';
import { nodeAllocatable, type Resources } from '../node/resources.ts';
import { GPU, keyFor } from './pod-view.ts';
import type { NodeResources, NodeView, PodView, TaintView } from './types.ts';

function taintText(key: string, value: string | undefined, effect: string): string {
  return value ? `${key}=${value}:${effect}` : `${key}:${effect}`;
}

/** `pods`: the current pods bound to this node, in creation order, with their requests (resource.PodRequests). */
export function buildNodeView(node: Node, pods: { view: PodView; requests: Resources }[]): NodeView {
  const alloc = nodeAllocatable(node);
  const allocatable: NodeResources = { cpuMilli: alloc.milliCPU, memoryBytes: alloc.memory, pods: alloc.pods, gpus: alloc.scalar[GPU] ?? 0 };
  const requested: NodeResources = { cpuMilli: 0, memoryBytes: 0, pods: 0, gpus: 0 };
  const slots: (string | null)[] = Array.from({ length: Math.max(0, Math.floor(allocatable.gpus)) }, () => null);
  let nextSlot = 0;
  for (const { view, requests: r } of pods) {
    // Terminal pods no longer hold resources (the scheduler's NodeInfo drops them).
    if (view.phase === 'Succeeded' || view.phase === 'Failed') continue;
    requested.cpuMilli += r.milliCPU;
    requested.memoryBytes += r.memory;
    requested.pods += 1;
    const gpus = r.scalar[GPU] ?? 0;
    requested.gpus += gpus;
    for (let i = 0; i < gpus && nextSlot < slots.length; i++) slots[nextSlot++] = view.key;
  }
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
  const taints: TaintView[] = (node.spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? null, effect: t.effect, text: taintText(t.key, t.value, t.effect) }));
  return {
    key: keyFor('Node', undefined, node.metadata.name),
    name: node.metadata.name,
    ready,
    unschedulable: node.spec?.unschedulable === true,
    status: columnsFor('Node').cells(node, 0, false)[0] ?? '',
    taints,
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? null,
    allocatable,
    requested,
    gpuSlots: slots,
    pods: pods.map((p) => p.view.key),
  };
}
