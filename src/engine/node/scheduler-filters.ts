// The default scheduler's Filter plugins in their fixed order (reference §1.8): NodeUnschedulable,
// TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit. A node reports the reasons of the first filter
// that rejects it; `unresolvable` marks UnschedulableAndUnresolvable (preemption cannot help).
import type { Node, Pod, Taint } from '../api/kinds.ts';
import { nodeAllocatable, type Allocatable, type Resources } from './resources.ts';
import { tolerates, TAINT_UNSCHEDULABLE } from './tolerations.ts';

export interface FilterFailure {
  plugin: string;
  reasons: string[];
  unresolvable: boolean;
}

/** What the scheduler cache knows about a node. */
export interface NodeInfo {
  node: Node;
  allocatable: Allocatable;
  /** Sum of the requests of the non-terminal pods bound to it. */
  requested: Resources;
  /** The same with 100m / 200Mi for containers that request nothing (scoring). */
  nonZeroRequested: Resources;
  podCount: number;
  /** hostPort in use, as `protocol/hostIP/port`. */
  usedPorts: Set<string>;
  /** Priorities of the pods bound to it (preemption). */
  podPriorities: number[];
  /** Non-terminating pods bound to it per spreading group (their ReplicaSet/StatefulSet), for PodTopologySpread. */
  spreadCounts: Map<string, number>;
}

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_TAINT = 'node(s) had untolerated taint(s)';
export const REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_TOO_MANY_PODS = 'Too many pods';

export function newNodeInfo(node: Node): NodeInfo {
  return {
    node,
    allocatable: nodeAllocatable(node),
    requested: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} },
    nonZeroRequested: { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} },
    podCount: 0,
    usedPorts: new Set(),
    podPriorities: [],
    spreadCounts: new Map(),
  };
}

function nodeUnschedulable(pod: Pod, node: Node): FilterFailure | null {
  if (!node.spec?.unschedulable) return null;
  if (tolerates(pod.spec?.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })) return null;
  return { plugin: 'NodeUnschedulable', reasons: [REASON_UNSCHEDULABLE], unresolvable: true };
}

function taintToleration(pod: Pod, node: Node): FilterFailure | null {
  const untolerated = (node.spec?.taints ?? []).find(
    (t: Taint) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations, t),
  );
  return untolerated ? { plugin: 'TaintToleration', reasons: [REASON_TAINT], unresolvable: true } : null;
}

interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

function requirementMatches(r: SelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !/^-?\d+$/.test(value) || values.length !== 1 || !/^-?\d+$/.test(values[0]!)) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

interface NodeSelectorTerm {
  matchExpressions?: SelectorRequirement[];
  matchFields?: SelectorRequirement[];
}

/** A term matches when all its requirements do; an empty term matches nothing. */
function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined))
  );
}

/** nodeSelector (every label equal) and requiredDuringSchedulingIgnoredDuringExecution (any term). */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = pod.spec?.nodeSelector;
  // for…in over a plain JSON object: its own keys, without building an entries array per node
  if (selector) for (const k in selector) if (labels[k] !== selector[k]) return false;
  const affinity = pod.spec?.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined;
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
  return true;
}

function nodeAffinity(pod: Pod, node: Node): FilterFailure | null {
  return matchesNodeAffinity(pod, node) ? null : { plugin: 'NodeAffinity', reasons: [REASON_AFFINITY], unresolvable: true };
}

/** No host ports: shared by the pods that ask for none (most of them); never changed. */
const NO_HOST_PORTS: readonly string[] = Object.freeze([]);

/**
 * hostPorts a pod asks for, as `protocol/hostIP/port`, init containers first. Runs for every node a pod is
 * filtered against: a pod without host ports gets the shared empty list.
 */
export function podHostPorts(pod: Pod): readonly string[] {
  let out: string[] | undefined;
  for (const list of [pod.spec?.initContainers, pod.spec?.containers]) {
    if (!list) continue;
    for (const c of list) {
      const ports = c.ports as { hostPort?: number; protocol?: string; hostIP?: string }[] | undefined;
      if (ports) for (const p of ports) if (p.hostPort) (out ??= []).push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out ?? NO_HOST_PORTS;
}

function portsConflict(wanted: readonly string[], used: Set<string>): boolean {
  for (const w of wanted) {
    const [proto, ip, port] = w.split('/');
    for (const u of used) {
      const [uproto, uip, uport] = u.split('/');
      if (proto === uproto && port === uport && (ip === uip || ip === '0.0.0.0' || uip === '0.0.0.0')) return true;
    }
  }
  return false;
}

function nodePorts(pod: Pod, info: NodeInfo): FilterFailure | null {
  const wanted = podHostPorts(pod);
  if (wanted.length === 0 || !portsConflict(wanted, info.usedPorts)) return null;
  return { plugin: 'NodePorts', reasons: [REASON_PORTS], unresolvable: false };
}

/**
 * NodeResourcesFit (fit.go fitsRequest): pod count first, then cpu, memory, ephemeral-storage and the
 * extended resources (sorted); one `Insufficient <name>` per short resource. A request larger than the node's
 * whole allocatable (a resource it does not have at all included) makes the failure unresolvable.
 */
export function resourcesFit(req: Resources, info: NodeInfo): FilterFailure | null {
  const reasons: string[] = [];
  let unresolvable = false;
  const alloc = info.allocatable;
  if (info.podCount + 1 > alloc.pods) reasons.push(REASON_TOO_MANY_PODS);
  const check = (name: string, want: number, allocatable: number, used: number) => {
    if (want <= 0) return;
    if (want > allocatable - used) {
      reasons.push(`Insufficient ${name}`);
      if (want > allocatable) unresolvable = true;
    }
  };
  check('cpu', req.milliCPU, alloc.milliCPU, info.requested.milliCPU);
  check('memory', req.memory, alloc.memory, info.requested.memory);
  check('ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, info.requested.ephemeralStorage);
  if (hasKeys(req.scalar)) for (const name of Object.keys(req.scalar).sort()) check(name, req.scalar[name]!, alloc.scalar[name] ?? 0, info.requested.scalar[name] ?? 0);
  return reasons.length ? { plugin: 'NodeResourcesFit', reasons, unresolvable } : null;
}

/** Whether a plain object has an own key (without listing them: most pods request no extended resource). */
function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

/** Runs the filters in order; null when the node fits. */
export function runFilters(pod: Pod, req: Resources, info: NodeInfo): FilterFailure | null {
  return (
    nodeUnschedulable(pod, info.node) ??
    taintToleration(pod, info.node) ??
    nodeAffinity(pod, info.node) ??
    nodePorts(pod, info) ??
    resourcesFit(req, info)
  );
}

/** LeastAllocated over cpu and memory (weights 1), with the non-zero requests: 0–100, higher is emptier. */
export function leastAllocatedScore(nonZeroPodReq: Resources, info: NodeInfo): number {
  const part = (requested: number, capacity: number) => {
    if (capacity === 0 || requested > capacity) return 0;
    return Math.floor(((capacity - requested) * 100) / capacity);
  };
  const cpu = part(info.nonZeroRequested.milliCPU + nonZeroPodReq.milliCPU, info.allocatable.milliCPU);
  const mem = part(info.nonZeroRequested.memory + nonZeroPodReq.memory, info.allocatable.memory);
  return Math.floor((cpu + mem) / 2);
}

/**
 * PodTopologySpread's scoring with the system default constraints (kubernetes.io/hostname maxSkew 3 and
 * topology.kubernetes.io/zone maxSkew 5, ScheduleAnyway; plugin weight 2): for pods of a ReplicaSet,
 * StatefulSet or ReplicationController, nodes and zones holding fewer of their siblings score higher.
 * Returns the normalized 0–100 scores of `feasible`, in order.
 */
export function topologySpreadScores(group: string | null, feasible: NodeInfo[], all: Iterable<NodeInfo>): number[] {
  if (!group || feasible.length === 0) return feasible.map(() => 0);
  const zoneOf = (i: NodeInfo) => i.node.metadata.labels?.['topology.kubernetes.io/zone'];
  const zoneCounts = new Map<string, number>();
  for (const i of all) {
    const z = zoneOf(i);
    if (z !== undefined) zoneCounts.set(z, (zoneCounts.get(z) ?? 0) + (i.spreadCounts.get(group) ?? 0));
  }
  const zones = new Set(feasible.map(zoneOf).filter((z): z is string => z !== undefined));
  const hostWeight = Math.log(feasible.length + 2);
  const zoneWeight = Math.log(zones.size + 2);
  const raw = feasible.map((i) => {
    let score = 0;
    if (i.node.metadata.labels?.['kubernetes.io/hostname'] !== undefined) score += (i.spreadCounts.get(group) ?? 0) * hostWeight + (3 - 1);
    const z = zoneOf(i);
    if (z !== undefined) score += (zoneCounts.get(z) ?? 0) * zoneWeight + (5 - 1);
    return Math.round(score);
  });
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  if (max === 0) return raw.map(() => 100);
  return raw.map((s) => Math.floor((100 * (max + min - s)) / max));
}
