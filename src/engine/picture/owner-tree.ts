// The owner tree: every workload object under its controller (ownerReferences with controller: true,
// reference §0.2, §6): Deployment → ReplicaSets → Pods, CronJob → Jobs → Pods, TFJob/PyTorchJob → replica
// types → Pods and Services; objects without a live controller are roots. Each node carries kubectl get's
// columns for its kind, minus the ones that move with the clock. Pod nodes carry none: a pod's READY, STATUS
// and RESTARTS are in its PodView (same key), so the tree changes only when its shape or an owner changes.
import type { Pod } from '../api/kinds.ts';
import { controllerOf, type KubeObject } from '../api/objects.ts';
import { columnsFor } from '../kubectl/printers/columns.ts';
import { kubeflowKindOf } from '../validate/kubeflow/kinds.ts';
import { keyFor, podRoleOf, TRAINING_LABELS } from './pod-view.ts';
import { roleSpecsOf } from './training-view.ts';
import type { OwnerNode } from './types.ts';

/** Columns that change with the clock alone; left out so a node changes only when its object does. */
const CLOCK_COLUMNS = new Set(['AGE', 'DURATION', 'LAST SCHEDULE']);

/** kubectl get's columns for one object (Pod RESTARTS without its "(… ago)"). */
export function kubectlCells(o: KubeObject): { header: string; value: string }[] {
  const cols = columnsFor(o.kind);
  const values = cols.cells(o, 0, false);
  const out: { header: string; value: string }[] = [];
  cols.headers.forEach((h, i) => {
    if (CLOCK_COLUMNS.has(h)) return;
    let v = values[i] ?? '';
    if (o.kind === 'Pod' && h === 'RESTARTS') v = v.replace(/ \(.*\)$/, '');
    out.push({ header: h, value: v });
  });
  return out;
}

export interface OwnerTreeInput {
  /** Current workload objects (no Nodes or Events). */
  objects: KubeObject[];
  cellsOf(o: KubeObject): { header: string; value: string }[];
  /** First-seen time of an object, for ordering siblings. */
  createdAt(key: string): number;
}

interface Draft {
  node: OwnerNode;
  createdAt: number;
  /** Position under a training role: replica index, Pod before Service. */
  rank: number;
}

function kindKey(o: KubeObject): string {
  return keyFor(o.kind, o.metadata.namespace, o.metadata.name);
}

function bySiblingOrder(a: Draft, b: Draft): number {
  return a.rank - b.rank || a.createdAt - b.createdAt || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0);
}

export function buildOwnerTree(input: OwnerTreeInput): OwnerNode[] {
  const byUid = new Map<string, { obj: KubeObject; draft: Draft; children: Draft[]; roles?: Map<string, { draft: Draft; children: Draft[] }> }>();
  for (const o of input.objects) {
    const key = kindKey(o);
    const node: OwnerNode = { key, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace ?? '', cells: o.kind === 'Pod' ? [] : input.cellsOf(o), children: [] };
    byUid.set(o.metadata.uid, { obj: o, draft: { node, createdAt: input.createdAt(key), rank: 0 }, children: [] });
  }
  // Training jobs group their pods and services by replica type, in the spec's roles.
  for (const entry of byUid.values()) {
    if (!kubeflowKindOf(entry.obj)) continue;
    entry.roles = new Map();
    roleSpecsOf(entry.obj).forEach((spec, i) => {
      const node: OwnerNode = {
        key: `${entry.draft.node.key}#${spec.type}`, kind: 'Role', name: spec.type, namespace: entry.draft.node.namespace,
        cells: [{ header: 'REPLICAS', value: String(spec.replicas) }, { header: 'RESTART POLICY', value: spec.restartPolicy }],
        children: [],
      };
      entry.roles!.set(spec.type.toLowerCase(), { draft: { node, createdAt: 0, rank: i }, children: [] });
    });
  }
  const roots: Draft[] = [];
  for (const entry of byUid.values()) {
    const ref = controllerOf(entry.obj);
    const parent = ref ? byUid.get(ref.uid) : undefined;
    if (!parent) {
      roots.push(entry.draft);
      continue;
    }
    if (parent.roles) {
      const type = entry.obj.kind === 'Pod' ? podRoleOf(entry.obj as Pod)?.type.toLowerCase() : entry.obj.metadata.labels?.[TRAINING_LABELS.replicaType];
      const role = type !== undefined ? parent.roles.get(type) : undefined;
      if (role) {
        const index = Number(entry.obj.metadata.labels?.[TRAINING_LABELS.replicaIndex] ?? 0);
        entry.draft.rank = (Number.isFinite(index) ? index : 0) * 2 + (entry.obj.kind === 'Pod' ? 0 : 1);
        role.children.push(entry.draft);
        continue;
      }
    }
    parent.children.push(entry.draft);
  }
  for (const entry of byUid.values()) {
    const kids = entry.children.sort(bySiblingOrder);
    if (entry.roles) {
      const roles = [...entry.roles.values()];
      for (const r of roles) r.draft.node.children = r.children.sort(bySiblingOrder).map((d) => d.node);
      entry.draft.node.children = [...roles.map((r) => r.draft.node), ...kids.map((d) => d.node)];
    } else {
      entry.draft.node.children = kids.map((d) => d.node);
    }
  }
  return roots.sort(bySiblingOrder).map((d) => d.node);
}
