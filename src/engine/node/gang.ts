// Gang scheduling: the coscheduling plugin of scheduler-plugins (sigs.k8s.io/scheduler-plugins v0.28,
// pkg/coscheduling), which the Training Operator's `--gang-scheduler-name` works with (kubeflow-training
// reference §2.4). The simulated cluster runs it as a second scheduler profile named
// `scheduler-plugins-scheduler` (the name its Helm chart installs); the default scheduler's loop serves both
// (scheduler.ts), and pods of that profile carrying the `scheduling.x-k8s.io/pod-group` label go through here.
//
// What the plugin does, and how this file gets the same outcome in one scheduling cycle:
//  * PreFilter refuses a pod while fewer pods of its group exist than the PodGroup's minMember
//    (`pre-filter pod <p> cannot find enough sibling pods, current pods number: <n>, minMember of group: <m>`).
//  * Permit holds each pod that fits (its resources assumed) until minMember pods of the group are assigned, then
//    lets them all bind; when a member cannot be placed, PostFilter rejects the waiting ones
//    (`optimistic rejection in PostFilter`) so that they release what they held. Here the cycle places the pod and
//    its unbound siblings on a copy of the nodes: if minMember of the group would then be assigned, they are all
//    bound at once; otherwise none is, and the group's pods stay Pending holding nothing.
//  * Once minMember pods are assigned, further pods of the group schedule one by one as usual.
// Not modelled: the PodGroup's minResources pre-check (placement decides), the Permit timeout
// (scheduleTimeoutSeconds) and the PodGroup status, which the scheduler-plugins controller maintains.
import type { ApiServer, WatchEvent } from '../api/api-server.ts';
import type { Pod } from '../api/kinds.ts';
import { POD_GROUP_KIND, POD_GROUP_LABEL, type PodGroup } from '../api/pod-group.ts';
import type { SeededRandom } from '../clock/random.ts';
import { histogram } from './fit-error.ts';
import { addResources, podRequests } from './resources.ts';
import { leastAllocatedScore, podHostPorts, runFilters, type FilterFailure, type NodeInfo } from './scheduler-filters.ts';

export const COSCHEDULING_SCHEDULER_NAME = 'scheduler-plugins-scheduler';

export interface GangView {
  api: ApiServer;
  random: SeededRandom;
  /** The scheduler's nodes (read only: placement works on copies). */
  nodes: Iterable<NodeInfo>;
}

export type GangPlan =
  /** Not a gang decision: schedule the pod as any other (no group, or the group already has its quorum). */
  | null
  /** The group reaches minMember: bind these pods (the one being scheduled first) to these nodes. */
  | { bind: Array<{ pod: Pod; node: string }> }
  /** The group cannot start: the FailedScheduling message for the pod being scheduled. */
  | { reject: string };

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** A node as the cycle may change it: the counters placement adds to, copied. */
function copyNode(info: NodeInfo): NodeInfo {
  return { ...info, usedPorts: new Set(info.usedPorts), podPriorities: [...info.podPriorities] };
}

function assume(info: NodeInfo, pod: Pod): void {
  info.requested = addResources(info.requested, podRequests(pod.spec));
  info.nonZeroRequested = addResources(info.nonZeroRequested, podRequests(pod.spec, true));
  info.podCount++;
  for (const p of podHostPorts(pod)) info.usedPorts.add(p);
}

/** Filter and score as the default profile does (LeastAllocated, seeded tie-break); the chosen node or the failures. */
function place(pod: Pod, nodes: NodeInfo[], random: SeededRandom): { node: NodeInfo } | { failures: FilterFailure[] } {
  const req = podRequests(pod.spec);
  const nonZero = podRequests(pod.spec, true);
  const failures: FilterFailure[] = [];
  let best: NodeInfo | null = null;
  let bestScore = -1;
  let ties = 0;
  for (const info of nodes) {
    const failure = runFilters(pod, req, info);
    if (failure) {
      failures.push(failure);
      continue;
    }
    const score = leastAllocatedScore(nonZero, info);
    if (score > bestScore) {
      bestScore = score;
      best = info;
      ties = 1;
    } else if (score === bestScore && random.int(++ties) === 0) best = info;
  }
  return best ? { node: best } : { failures };
}

/** Coscheduling's decision for `pod` (see the header); null for a pod outside any group. */
export function planGang(pod: Pod, view: GangView): GangPlan {
  const group = pod.metadata.labels?.[POD_GROUP_LABEL];
  if (!group || pod.spec?.schedulerName !== COSCHEDULING_SCHEDULER_NAME) return null;
  const namespace = pod.metadata.namespace ?? 'default';
  const nodes = [...view.nodes].sort((a, b) => (a.node.metadata.name < b.node.metadata.name ? -1 : a.node.metadata.name > b.node.metadata.name ? 1 : 0));
  const pg = view.api.get<PodGroup>(POD_GROUP_KIND, namespace, group);
  if (!pg) return { reject: 'PodGroup not found' };
  const minMember = pg.spec?.minMember ?? 0;
  const siblings = view.api.list<Pod>('Pod', { namespace, selector: { matchLabels: { [POD_GROUP_LABEL]: group } } });
  if (siblings.length < minMember) {
    return { reject: `0/${nodes.length} nodes are available: pre-filter pod ${pod.metadata.name} cannot find enough sibling pods, current pods number: ${siblings.length}, minMember of group: ${minMember}.` };
  }
  // CalculateAssignedPods: pods of the group bound to a node and still held there.
  const assigned = siblings.filter((p) => !!p.spec?.nodeName && !isTerminal(p)).length;
  if (assigned + 1 >= minMember) return null;

  // The pod itself first, then its unbound siblings of this profile (QueueSort: priority, then name).
  const waiting = siblings
    .filter((p) => p.metadata.name !== pod.metadata.name && !p.spec?.nodeName && p.metadata.deletionTimestamp === undefined && !isTerminal(p))
    .filter((p) => p.spec?.schedulerName === COSCHEDULING_SCHEDULER_NAME && !(p.spec?.schedulingGates as unknown[] | undefined)?.length)
    .sort((a, b) => (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0) || (a.metadata.name < b.metadata.name ? -1 : 1));
  const copies = nodes.map(copyNode);
  const bind: Array<{ pod: Pod; node: string }> = [];
  for (const candidate of [pod, ...waiting]) {
    const r = place(candidate, copies, view.random);
    if ('failures' in r) {
      if (candidate === pod) return { reject: rejectionOf(pod, pg, nodes.length, r.failures, minMember, assigned) };
      continue;
    }
    assume(r.node, candidate);
    bind.push({ pod: candidate, node: r.node.node.metadata.name });
  }
  if (assigned + bind.length >= minMember) return { bind };
  // The pod fitted and would have waited at Permit until a sibling failed; PostFilter then rejected it.
  return { reject: 'optimistic rejection in PostFilter' };
}

/** FitError for a member that fits nowhere, with coscheduling's PostFilter verdict on its group. */
function rejectionOf(pod: Pod, pg: PodGroup, numNodes: number, failures: FilterFailure[], minMember: number, assigned: number): string {
  const head = `0/${numNodes} nodes are available: ${histogram(failures.flatMap((f) => f.reasons))}.`;
  // A group within 10% of its quorum is left to wait without rejecting its members.
  if ((minMember - assigned) / minMember <= 0.1) return head;
  return `${head} PodGroup ${pg.metadata.namespace}/${pg.metadata.name} gets rejected due to Pod ${pod.metadata.name} is unschedulable even after PostFilter.`;
}

/**
 * Coscheduling's EventsToRegister: a new pod of a group, or a PodGroup created or changed, may let waiting members
 * of the group in; `requeue` moves the unschedulable pods back to the queue.
 */
export function watchGangChanges(api: ApiServer, requeue: () => void): void {
  api.watch(['Pod'], (e: WatchEvent) => {
    if (e.type === 'ADDED' && e.object.metadata.labels?.[POD_GROUP_LABEL] !== undefined) requeue();
  });
  api.watch([POD_GROUP_KIND], (e: WatchEvent) => {
    if (e.type !== 'DELETED') requeue();
  });
}
