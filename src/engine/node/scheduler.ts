// kube-scheduler's default profile, reduced to what workload lessons show: one pod at a time, Filter plugins
// in their real order (scheduler-filters.ts), scoring by LeastAllocated (weight 1) plus the system-default
// PodTopologySpread (weight 2, spreads the pods of a ReplicaSet/StatefulSet over nodes and zones) with a
// seeded tie-break among the best nodes (selectHost's reservoir sampling), binding, and for pods that fit
// nowhere the 1.35 FailedScheduling message (fit-error.ts), condition PodScheduled=False/Unschedulable and a
// retry. Other score plugins of the default profile (BalancedAllocation, ImageLocality, preferred affinity,
// PreferNoSchedule taints) are not modelled; preemption is not performed (see fit-error.ts).
//
// Retries follow the scheduling queue: an unschedulable pod waits in the unschedulable pool until a relevant
// cluster change (a bound pod deleted or finished, a node added, a node's labels/taints/allocatable/
// unschedulable changed, a pod's own spec changed) moves it back, no earlier than its back-off (1 s doubling
// to 10 s per attempt, LATENCY.schedulingBackoff*); without such a change it is retried when the queue
// flushes pods that stayed unschedulable for 5 minutes (podMaxInUnschedulablePodsDuration, checked every 30 s).
import type { Condition, Node, Pod } from '../api/kinds.ts';
import type { ApiServer } from '../api/api-server.ts';
import type { TaskId } from '../clock/virtual-clock.ts';
import { deepEqual } from '../api/objects.ts';
import { rfc3339 } from '../clock/time-format.ts';
import type { Controller, ControllerContext } from '../controllers/runtime.ts';
import { namespacedKey, splitKey, WorkQueue } from '../controllers/runtime.ts';
import { LATENCY } from '../sim/latencies.ts';
import { bindPod } from './binding.ts';
import { fitErrorMessage, type NodeVerdict } from './fit-error.ts';
import { COSCHEDULING_SCHEDULER_NAME, planGang, watchGangChanges } from './gang.ts';
import { addResources, podRequestsBoth, subResources, type PodRequests, type Resources } from './resources.ts';
import { leastAllocatedScore, newNodeInfo, podHostPorts, runFilters, topologySpreadScores, type NodeInfo } from './scheduler-filters.ts';
import { controllerOf } from '../api/objects.ts';

export const SCHEDULER_NAME = 'default-scheduler';
/** podMaxInUnschedulablePodsDuration and the period of flushUnschedulablePodsLeftover. */
export const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

interface BoundPod {
  node: string;
  /** The spreading group counted on the node (null: none, or the pod is terminating). */
  spread: string | null;
  req: Resources;
  nonZero: Resources;
  ports: readonly string[];
  priority: number;
}

interface PendingPod {
  generation: number | undefined;
  attempts: number;
  lastAttempt: number;
  unschedulable: boolean;
  flushTask?: TaskId;
}

/** The owner whose pods the default topology spreading keeps apart (DefaultSelector: RS, StatefulSet, RC). */
function spreadGroup(p: Pod): string | null {
  const owner = controllerOf(p);
  return owner && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet' || owner.kind === 'ReplicationController') ? owner.uid : null;
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/**
 * A change to a bound pod that kept what the scheduler follows (its spec object, deletion, terminal phase and
 * generation): most status writes. Such a pod is not in the queue, and its node already counts it as it did.
 */
function boundAndUnchanged(old: Pod, cur: Pod): boolean {
  return old.spec === cur.spec && !!cur.spec?.nodeName && old.metadata.deletionTimestamp === cur.metadata.deletionTimestamp &&
    old.metadata.generation === cur.metadata.generation && isTerminal(old) === isTerminal(cur);
}

/** The default profile, and the coscheduling profile of scheduler-plugins (gang.ts) run by the same loop. */
function wantsThisScheduler(p: Pod): boolean {
  const name = p.spec?.schedulerName ?? SCHEDULER_NAME;
  return name === SCHEDULER_NAME || name === COSCHEDULING_SCHEDULER_NAME;
}

function schedulingGates(p: Pod): unknown[] {
  const g = p.spec?.schedulingGates;
  return Array.isArray(g) ? g : [];
}

/** One node of the top-score group; `draw` is the index of the draw that decided whether it replaced the best. */
export interface TieBreak {
  node: string;
  draw: number | null;
}

/** A node chosen by selectHost: the top-score group in the order it was met. */
export interface NodeChoice {
  group: TieBreak[];
}

class Scheduler {
  #ctx: ControllerContext;
  /** Told of every node choice when set (the fast-forward's search records the choices of a period). */
  onChoice: ((choice: NodeChoice) => void) | null = null;
  #nodes = new Map<string, NodeInfo>();
  #lastRequests: { containers: unknown; init: unknown; overhead: unknown; requests: PodRequests } | null = null;
  /** The node names in sorted order, the order nodes are filtered in; null when a node came or went since. */
  #sortedNames: string[] | null = null;
  #bound = new Map<string, BoundPod>();
  #pending = new Map<string, PendingPod>();
  #queue: WorkQueue;
  #start: number;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#start = ctx.clock.now();
    this.#queue = new WorkQueue(ctx.clock, 'scheduler', LATENCY.scheduling, (key) => this.#scheduleOne(key));
    ctx.api.watch(['Node'], (e) => {
      const node = e.object as Node;
      if (e.type === 'DELETED') {
        this.#nodes.delete(node.metadata.name);
        this.#sortedNames = null;
        return;
      }
      const prev = this.#nodes.get(node.metadata.name);
      const info = newNodeInfo(node);
      if (prev) {
        info.requested = prev.requested;
        info.nonZeroRequested = prev.nonZeroRequested;
        info.podCount = prev.podCount;
        info.usedPorts = prev.usedPorts;
        info.podPriorities = prev.podPriorities;
        info.spreadCounts = prev.spreadCounts;
      }
      this.#nodes.set(node.metadata.name, info);
      if (!prev) this.#sortedNames = null;
      if (!prev || this.#nodeChangeMatters(prev.node, node)) this.#requeueUnschedulable();
    });
    // (when the watch starts before any pod exists, as in a Simulation, every version of every pod comes through it)
    const seesEveryVersion = ctx.api.count('Pod') === 0;
    ctx.api.watch(['Pod'], (e) => {
      if (seesEveryVersion && e.old && boundAndUnchanged(e.old as Pod, e.object as Pod)) return;
      this.#onPod(e.type, e.object as Pod, e.key);
    });
    watchGangChanges(ctx.api, () => this.#requeueUnschedulable());
  }

  /**
   * A pod's requests (both variants), remembered for the pod just scheduled: binding it delivers its bound
   * version at once, whose spec is a copy that keeps the same containers lists, and #assume reads them again.
   */
  #requestsOf(spec: Pod['spec']): PodRequests {
    const last = this.#lastRequests;
    const overhead = (spec as { overhead?: unknown } | undefined)?.overhead;
    if (spec && last && last.containers === spec.containers && last.init === spec.initContainers && last.overhead === overhead) return last.requests;
    const requests = podRequestsBoth(spec);
    this.#lastRequests = spec ? { containers: spec.containers, init: spec.initContainers, overhead, requests } : null;
    return requests;
  }

  /** The node names, sorted (kept between cycles: every pod of a big workload filters the same nodes). */
  #nodeNames(): readonly string[] {
    return (this.#sortedNames ??= [...this.#nodes.keys()].sort());
  }

  #nodeChangeMatters(a: Node, b: Node): boolean {
    return (
      !deepEqual(a.metadata.labels, b.metadata.labels) ||
      !deepEqual(a.spec?.taints, b.spec?.taints) ||
      (a.spec?.unschedulable ?? false) !== (b.spec?.unschedulable ?? false) ||
      !deepEqual(a.status?.allocatable, b.status?.allocatable)
    );
  }

  /** `eventKey`: the watch event's `namespace/name` of the pod, already hashed by the watchers before. */
  #onPod(type: string, pod: Pod, eventKey?: string): void {
    const key = eventKey ?? namespacedKey(pod.metadata.namespace, pod.metadata.name);
    // the cache of bound pods: non-terminal pods assigned to a node hold their requests
    const holds = type !== 'DELETED' && !!pod.spec?.nodeName && !isTerminal(pod);
    const had = this.#bound.get(key);
    if (had && (!holds || had.node !== pod.spec?.nodeName)) {
      this.#release(key, had);
      this.#requeueUnschedulable();
    }
    if (holds && !this.#bound.has(key)) this.#assume(key, pod);
    const b = this.#bound.get(key);
    if (b && b.spread && pod.metadata.deletionTimestamp) this.#unspread(b); // terminating pods are not counted for spreading

    // the queue of pods to schedule
    const wants = type !== 'DELETED' && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && wantsThisScheduler(pod);
    if (!wants) {
      const p = this.#pending.get(key);
      if (p) this.#ctx.clock.cancel(p.flushTask);
      this.#pending.delete(key);
      return;
    }
    if (schedulingGates(pod).length > 0) {
      this.#markGated(pod);
      return;
    }
    const pending = this.#pending.get(key);
    if (!pending) {
      this.#pending.set(key, { generation: pod.metadata.generation, attempts: 0, lastAttempt: 0, unschedulable: false });
      this.#queue.add(key);
    } else if (pending.generation !== pod.metadata.generation) {
      // an update of the pod's spec may make it schedulable (tolerations, node selector, gates removed …)
      pending.generation = pod.metadata.generation;
      this.#requeue(key, pending);
    }
  }

  #assume(key: string, pod: Pod): void {
    const info = this.#nodes.get(pod.spec!.nodeName!);
    const { req, nonZero } = this.#requestsOf(pod.spec);
    const b: BoundPod = { node: pod.spec!.nodeName!, spread: pod.metadata.deletionTimestamp ? null : spreadGroup(pod), req, nonZero, ports: podHostPorts(pod), priority: pod.spec?.priority ?? 0 };
    this.#bound.set(key, b);
    if (!info) return;
    info.requested = addResources(info.requested, b.req);
    info.nonZeroRequested = addResources(info.nonZeroRequested, b.nonZero);
    info.podCount++;
    for (const p of b.ports) info.usedPorts.add(p);
    info.podPriorities.push(b.priority);
    if (b.spread) info.spreadCounts.set(b.spread, (info.spreadCounts.get(b.spread) ?? 0) + 1);
  }

  #unspread(b: BoundPod): void {
    const info = this.#nodes.get(b.node);
    if (info && b.spread) {
      const n = (info.spreadCounts.get(b.spread) ?? 1) - 1;
      if (n > 0) info.spreadCounts.set(b.spread, n);
      else info.spreadCounts.delete(b.spread);
    }
    b.spread = null;
  }

  #release(key: string, b: BoundPod): void {
    this.#bound.delete(key);
    this.#unspread(b);
    const info = this.#nodes.get(b.node);
    if (!info) return;
    info.requested = subResources(info.requested, b.req);
    info.nonZeroRequested = subResources(info.nonZeroRequested, b.nonZero);
    info.podCount--;
    for (const p of b.ports) info.usedPorts.delete(p);
    const i = info.podPriorities.indexOf(b.priority);
    if (i >= 0) info.podPriorities.splice(i, 1);
  }

  /** MoveAllToActiveOrBackoffQueue: unschedulable pods go back, each no earlier than its back-off. */
  #requeueUnschedulable(): void {
    for (const [key, p] of this.#pending) if (p.unschedulable) this.#requeue(key, p);
  }

  #requeue(key: string, p: PendingPod): void {
    p.unschedulable = false;
    this.#ctx.clock.cancel(p.flushTask);
    p.flushTask = undefined;
    const backoff = Math.min(LATENCY.schedulingBackoffInitial * 2 ** Math.max(0, p.attempts - 1), LATENCY.schedulingBackoffMax);
    this.#queue.addAfter(key, Math.max(0, p.lastAttempt + backoff - this.#ctx.clock.now()));
  }

  #scheduleOne(key: string): void {
    const { namespace, name } = splitKey(key);
    const pending = this.#pending.get(key);
    const pod = this.#ctx.api.peek<Pod>('Pod', namespace, name); // read-only (frozen under test)
    if (!pending || !pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || schedulingGates(pod).length > 0) return;
    const now = this.#ctx.clock.now();
    pending.attempts++;
    pending.lastAttempt = now;
    const profile = pod.spec?.schedulerName ?? SCHEDULER_NAME;
    const gang = planGang(pod, { api: this.#ctx.api, random: this.#ctx.random, nodes: this.#nodes.values() });
    if (gang && 'reject' in gang) return this.#unschedulable(key, pod, pending, gang.reject, profile);
    if (gang) {
      for (const b of gang.bind) this.#bind(b.pod, b.node, profile);
      return;
    }

    const { req, nonZero } = this.#requestsOf(pod.spec);
    const priority = pod.spec?.priority ?? 0;
    const verdicts: NodeVerdict[] = [];
    const feasible: NodeInfo[] = [];
    for (const name of this.#nodeNames()) {
      const info = this.#nodes.get(name)!;
      const failure = runFilters(pod, req, info);
      if (failure) verdicts.push({ failure, hasLowerPriorityPods: info.podPriorities.some((p) => p < priority) });
      else feasible.push(info);
    }
    const scores = this.#scores(pod, nonZero, feasible);
    let best: NodeInfo | null = null;
    let bestScore = -1;
    let ties = 0;
    // the top-score group as the reservoir met it, for whoever replays the choice (see onChoice)
    const record = this.onChoice !== null;
    let group: TieBreak[] = [];
    feasible.forEach((info, i) => {
      const score = scores[i]!;
      // selectHost: reservoir sampling among the nodes with the highest score
      if (score > bestScore) {
        bestScore = score;
        best = info;
        ties = 1;
        if (record) group = [{ node: info.node.metadata.name, draw: null }];
      } else if (score === bestScore) {
        ties++;
        if (record) group.push({ node: info.node.metadata.name, draw: this.#ctx.random.draws });
        if (this.#ctx.random.int(ties) === 0) best = info;
      }
    });
    if (record && best) this.onChoice!({ group });
    const chosen = best as NodeInfo | null;
    if (chosen) return this.#bind(pod, chosen.node.metadata.name, profile);
    const message = fitErrorMessage({ numNodes: this.#nodes.size, verdicts, preemptionNever: pod.spec?.preemptionPolicy === 'Never' });
    this.#unschedulable(key, pod, pending, message, profile);
  }

  /**
   * The nodes that would share the highest score for `pod` if it were scheduled now, among which selectHost
   * picks at random (nothing is drawn or changed). The fast-forward asks it: see sim/fast-forward/images-settled.ts.
   */
  bestNodes(pod: Pod): string[] {
    const { req, nonZero } = podRequestsBoth(pod.spec);
    const feasible: NodeInfo[] = [];
    for (const name of this.#nodeNames()) {
      const info = this.#nodes.get(name)!;
      if (!runFilters(pod, req, info)) feasible.push(info);
    }
    const scores = this.#scores(pod, nonZero, feasible);
    const top = Math.max(...scores);
    return feasible.filter((_, i) => scores[i] === top).map((info) => info.node.metadata.name);
  }

  /** Score: NodeResourcesFit LeastAllocated (weight 1) + PodTopologySpread system defaults (weight 2). */
  #scores(pod: Pod, nonZero: Resources, feasible: NodeInfo[]): number[] {
    const spread = topologySpreadScores(spreadGroup(pod), feasible, this.#nodes.values());
    return feasible.map((info, i) => leastAllocatedScore(nonZero, info) + 2 * spread[i]!);
  }

  /** Binds a pod; events come from its profile (default-scheduler or the coscheduling profile). */
  #bind(pod: Pod, node: string, profile: string): void {
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    this.#pending.delete(namespacedKey(namespace, name));
    const r = bindPod(this.#ctx.api, namespace, name, node);
    if (!r.ok) return;
    this.#ctx.events.record(r.pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`, profile);
  }

  /** PodScheduled=False/Unschedulable, FailedScheduling, and the pod waits in the unschedulable pool. */
  #unschedulable(key: string, pod: Pod, pending: PendingPod, message: string, profile: string): void {
    const now = this.#ctx.clock.now();
    this.#setScheduledCondition(pod, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
    this.#ctx.events.record(pod, 'Warning', 'FailedScheduling', message, profile);
    pending.unschedulable = true;
    const due = now + UNSCHEDULABLE_FLUSH_MS;
    const flushAt = this.#start + Math.ceil((due - this.#start) / UNSCHEDULABLE_FLUSH_PERIOD_MS) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    pending.flushTask = this.#ctx.clock.at(flushAt, `scheduler flush ${key}`, () => {
      const p = this.#pending.get(key);
      if (p && p.unschedulable) this.#requeue(key, p);
    });
  }

  #markGated(pod: Pod): void {
    this.#setScheduledCondition(pod, { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' });
  }

  /** Writes the scheduler's PodScheduled condition when it changed (lastTransitionTime only on a status change). */
  #setScheduledCondition(pod: Pod, c: Condition): void {
    const now = rfc3339(this.#ctx.clock.now());
    const current = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
    const next = {
      type: c.type,
      observedGeneration: pod.metadata.generation,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: current && current.status === c.status && current.lastTransitionTime ? current.lastTransitionTime : now,
      reason: c.reason,
      message: c.message,
    } as Condition;
    if (current && deepEqual(current, next)) return;
    this.#ctx.api.patch<Pod>(
      'Pod',
      pod.metadata.namespace,
      pod.metadata.name,
      (p) => {
        const status = (p.status ??= {});
        const conditions = status.conditions ?? [];
        const i = conditions.findIndex((x) => x.type === 'PodScheduled');
        if (i >= 0) conditions[i] = next;
        else conditions.push(next);
        status.conditions = conditions;
      },
      'status',
    );
  }
}

const registry = new WeakMap<ApiServer, Scheduler>();

/** The scheduler running against this API server (undefined when none was started). */
export function schedulerFor(api: ApiServer): Pick<Scheduler, 'bestNodes' | 'onChoice'> | undefined {
  return registry.get(api);
}

/** The `default-scheduler` controller. */
export function scheduler(): Controller {
  return {
    name: SCHEDULER_NAME,
    start(ctx) {
      registry.set(ctx.api, new Scheduler(ctx));
    },
  };
}
