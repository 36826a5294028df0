// kube-controller-manager's node lifecycle controller (pkg/controller/nodelifecycle), with the node IPAM
// range allocator's pod CIDRs:
//  * every node gets `spec.podCIDR` 10.244.<n>.0/24 in the order nodes appear (range allocator, cluster CIDR
//    10.244.0.0/16), and a `RegisteredNode` event;
//  * NoSchedule taints follow the node's conditions and `spec.unschedulable` (doNoScheduleTaintingPass):
//    Ready=False → not-ready, Ready=Unknown → unreachable, *Pressure=True → memory-/disk-/pid-pressure,
//    cordoned → unschedulable; each added with timeAdded;
//  * health: the monitor runs every 5 s (nodeMonitorPeriod). When a node's lease was last renewed more than
//    the node monitor grace period ago (LATENCY.nodeMonitorGracePeriod; see the report: 50 s since 1.32) its
//    Ready, MemoryPressure, DiskPressure and PIDPressure conditions become Unknown / NodeStatusUnknown /
//    `Kubelet stopped posting node status.`, event NodeNotReady `Node <n> status is now: NodeNotReady`, and
//    MarkPodsNotReady sets each of its pods' Ready condition to False (event Warning NodeNotReady
//    `Node is not ready`);
//  * NoExecute taints (processTaintBaseEviction + doNoExecuteTaintingPass, every 100 ms): an Unknown node is
//    queued for `node.kubernetes.io/unreachable:NoExecute` (`not-ready` for Ready=False), at most one node per
//    10 s per zone (evictionLimiterQPS 0.1). A zone where more than 2 nodes and ≥ 55 % are not ready is in
//    partial disruption: clusters of ≤ 50 nodes then taint no more; when every node of every zone is not ready
//    (full disruption) the controller removes these taints and evicts nothing. A Ready node loses them again
//    at the next monitor pass (markNodeAsReachable). The taint eviction controller acts on the NoExecute taints.
// Heartbeats come from leases.ts: nothing runs while every node is healthy.
import type { TaskId } from '../clock/virtual-clock.ts';
import type { Condition, Node, Pod, Taint } from '../api/kinds.ts';
import { deepEqual } from '../api/objects.ts';
import { rfc3339 } from '../clock/time-format.ts';
import type { Controller, ControllerContext } from '../controllers/runtime.ts';
import { LATENCY } from '../sim/latencies.ts';
import { leaseBoard, type LeaseBoard } from './leases.ts';
import type { NodeCondition } from './node-status.ts';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from './tolerations.ts';

export const NODE_LIFECYCLE_CONTROLLER = 'node-controller';
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NO_EXECUTE_TAINTING_PERIOD_MS = 100;
export const EVICTION_INTERVAL_MS = 10_000;
const LARGE_CLUSTER_THRESHOLD = 50;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const CLUSTER_CIDR_PREFIX = '10.244';

const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const MANAGED_NO_SCHEDULE = new Set([TAINT_UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);
const UNKNOWN_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function readyStatus(node: Node): string | undefined {
  return (node.status?.conditions as NodeCondition[] | undefined)?.find((c) => c.type === 'Ready')?.status;
}

function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:\u0000:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

class NodeLifecycle {
  #ctx: ControllerContext;
  #leases: LeaseBoard;
  #start: number;
  #registered = new Set<string>();
  #cidrs = new Map<string, number>();
  #monitorTasks = new Map<string, { at: number; id: TaskId }>();
  #readyByNode = new Map<string, string | undefined>();
  #taintQueues = new Map<string, { nodes: string[]; nextAllowed: number }>();
  #taintPass: TaskId | undefined;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#start = ctx.clock.now();
    this.#leases = leaseBoard(ctx.api);
    ctx.api.watch(['Node'], (e) => {
      const node = e.object as Node;
      const name = node.metadata.name;
      if (e.type === 'DELETED') {
        this.#registered.delete(name);
        this.#readyByNode.delete(name);
        return;
      }
      this.#readyByNode.set(name, readyStatus(node));
      if (e.type === 'ADDED') ctx.clock.after(LATENCY.controllerSync, `node-ipam ${name}`, () => this.#allocateCIDR(name));
      ctx.clock.after(LATENCY.controllerSync, `node-lifecycle taints ${name}`, () => this.#noScheduleTaintingPass(name));
      this.#scheduleMonitor(name, this.#nextTick(ctx.clock.now(), false));
    });
    ctx.api.watch(['Pod'], (e) => {
      if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
      const pod = e.object as Pod;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) return;
      // processPod: a pod on a node that is not Ready is marked not ready too
      const ready = this.#readyByNode.get(nodeName);
      if (ready !== undefined && ready !== 'True' && this.#podReady(pod)) {
        ctx.clock.after(LATENCY.controllerSync, `node-lifecycle pod ${pod.metadata.name}`, () => this.#markPodsNotReady(nodeName, [pod.metadata.namespace ?? 'default', pod.metadata.name]));
      }
    });
    this.#leases.onChange((name) => this.#leaseChanged(name));
  }

  #podReady(pod: Pod): boolean {
    return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  }

  /** Monitor passes run at start + k × 5 s; the first one at or after (or strictly after) `t`. */
  #nextTick(t: number, strict: boolean): number {
    const k = (t - this.#start) / NODE_MONITOR_PERIOD_MS;
    const n = strict ? Math.floor(k) + 1 : Math.ceil(k);
    return this.#start + Math.max(0, n) * NODE_MONITOR_PERIOD_MS;
  }

  /** A monitor pass for `name` at `at` (an earlier pending one is kept: each pass re-arms what it still waits for). */
  #scheduleMonitor(name: string, at: number): void {
    const existing = this.#monitorTasks.get(name);
    if (existing && existing.at <= at) return;
    if (existing) this.#ctx.clock.cancel(existing.id);
    const id = this.#ctx.clock.at(at, `node-lifecycle monitor ${name}`, () => {
      this.#monitorTasks.delete(name);
      this.#monitor(name);
    });
    this.#monitorTasks.set(name, { at, id });
  }

  /** The pass at which a node whose lease stopped goes Unknown: the first after (last renewal seen + grace). */
  #unknownAt(name: string, now: number): number {
    const last = this.#leases.lastRenew(name, now) ?? now;
    const probe = this.#nextTick(last, false);
    return this.#nextTick(probe + LATENCY.nodeMonitorGracePeriod, true);
  }

  /** When the lease stops, the node goes Unknown at the first pass after (last renewal seen + grace). */
  #leaseChanged(name: string): void {
    const now = this.#ctx.clock.now();
    if (this.#leases.renewing(name)) {
      this.#scheduleMonitor(name, this.#nextTick(now, false));
      return;
    }
    this.#scheduleMonitor(name, Math.max(now, this.#unknownAt(name, now)));
  }

  // ---- pod CIDRs ------------------------------------------------------------------------------------------

  #allocateCIDR(name: string): void {
    const node = this.#ctx.api.get<Node>('Node', undefined, name);
    if (!node || node.spec?.podCIDR) return;
    let n = this.#cidrs.get(name);
    if (n === undefined) {
      const used = new Set(this.#cidrs.values());
      n = 0;
      while (used.has(n)) n++;
      this.#cidrs.set(name, n);
    }
    const cidr = `${CLUSTER_CIDR_PREFIX}.${n}.0/24`;
    this.#ctx.api.patch<Node>('Node', undefined, name, (x) => {
      x.spec = { ...(x.spec ?? {}), podCIDR: cidr, podCIDRs: [cidr] };
    });
  }

  // ---- NoSchedule taints ----------------------------------------------------------------------------------

  #noScheduleTaintingPass(name: string): void {
    const node = this.#ctx.api.get<Node>('Node', undefined, name);
    if (!node) return;
    const want: string[] = [];
    for (const c of (node.status?.conditions ?? []) as NodeCondition[]) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push(key);
    }
    if (node.spec?.unschedulable) want.push(TAINT_UNSCHEDULABLE);
    const taints = node.spec?.taints ?? [];
    const have = taints.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)).map((t) => t.key);
    const add = want.filter((k) => !have.includes(k));
    const remove = have.filter((k) => !want.includes(k));
    if (add.length === 0 && remove.length === 0) return;
    const now = rfc3339(this.#ctx.clock.now());
    const next: Taint[] = taints.filter((t) => !(t.effect === 'NoSchedule' && remove.includes(t.key)));
    for (const key of add) next.push({ key, effect: 'NoSchedule', timeAdded: now });
    this.#setTaints(name, next);
  }

  #setTaints(name: string, taints: Taint[]): void {
    this.#ctx.api.patch<Node>('Node', undefined, name, (x) => {
      const spec = { ...(x.spec ?? {}) };
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      x.spec = spec;
    });
  }

  // ---- health ---------------------------------------------------------------------------------------------

  #monitor(name: string): void {
    const node = this.#ctx.api.get<Node>('Node', undefined, name);
    if (!node) return;
    if (!this.#registered.has(name)) {
      this.#registered.add(name);
      this.#ctx.events.record(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, NODE_LIFECYCLE_CONTROLLER);
    }
    const now = this.#ctx.clock.now();
    let ready = readyStatus(node);
    if (ready === undefined) return; // the kubelet has not posted yet
    if (!this.#leases.renewing(name) && this.#leases.known(name) && ready !== 'Unknown') {
      const at = this.#unknownAt(name, now);
      if (now < at) this.#scheduleMonitor(name, at);
      else {
        this.#markUnknown(node);
        if (ready === 'True') {
          this.#ctx.events.record(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, NODE_LIFECYCLE_CONTROLLER);
          this.#markPodsNotReady(name);
        }
        ready = 'Unknown';
      }
    }
    this.#taintBasedEviction(name, ready);
  }

  #markUnknown(node: Node): void {
    const now = rfc3339(this.#ctx.clock.now());
    this.#ctx.api.patch<Node>(
      'Node',
      undefined,
      node.metadata.name,
      (x) => {
        const conditions = ((x.status?.conditions ?? []) as NodeCondition[]).map((c) => ({ ...c }));
        for (const type of UNKNOWN_TYPES) {
          const c = conditions.find((y) => y.type === type);
          if (!c) {
            conditions.push({ type, status: 'Unknown', lastHeartbeatTime: x.metadata.creationTimestamp, lastTransitionTime: now, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
          } else if (c.status !== 'Unknown') {
            c.status = 'Unknown';
            c.reason = 'NodeStatusUnknown';
            c.message = 'Kubelet stopped posting node status.';
            c.lastTransitionTime = now;
          }
        }
        x.status = { ...(x.status ?? {}), conditions: conditions as unknown as Condition[] };
      },
      'status',
    );
  }

  /** MarkPodsNotReady: the Ready condition of each pod on the node becomes False (reason and message kept). */
  #markPodsNotReady(nodeName: string, only?: [string, string]): void {
    const pods = only
      ? [this.#ctx.api.get<Pod>('Pod', only[0], only[1])].filter((p): p is Pod => !!p)
      : this.#ctx.api.list<Pod>('Pod').filter((p) => p.spec?.nodeName === nodeName);
    const now = rfc3339(this.#ctx.clock.now());
    for (const pod of pods) {
      if (!this.#podReady(pod)) continue;
      const r = this.#ctx.api.patch<Pod>(
        'Pod',
        pod.metadata.namespace,
        pod.metadata.name,
        (p) => {
          const c = p.status?.conditions?.find((x) => x.type === 'Ready');
          if (c) {
            c.status = 'False';
            c.lastTransitionTime = now;
          }
        },
        'status',
      );
      if (r.ok) this.#ctx.events.record(r.object, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_LIFECYCLE_CONTROLLER);
    }
  }

  // ---- NoExecute taints -----------------------------------------------------------------------------------

  #taintBasedEviction(name: string, ready: string): void {
    const node = this.#ctx.api.get<Node>('Node', undefined, name);
    if (!node) return;
    const taints = node.spec?.taints ?? [];
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    if (ready === 'True') {
      // markNodeAsReachable
      if (has(TAINT_UNREACHABLE) || has(TAINT_NOT_READY)) this.#setTaints(name, taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY))));
      this.#dequeue(name);
      return;
    }
    const want = ready === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    const opposite = ready === 'False' ? TAINT_UNREACHABLE : TAINT_NOT_READY;
    if (has(opposite)) {
      // swap straight away
      this.#setTaints(name, [...taints.filter((t) => !(t.effect === 'NoExecute' && t.key === opposite)), { key: want, effect: 'NoExecute', timeAdded: rfc3339(this.#ctx.clock.now()) }]);
      return;
    }
    if (has(want)) return;
    const zone = zoneOf(node);
    const q = this.#taintQueues.get(zone) ?? { nodes: [], nextAllowed: 0 };
    this.#taintQueues.set(zone, q);
    if (!q.nodes.includes(name)) q.nodes.push(name);
    this.#scheduleTaintPass(this.#ctx.clock.now());
  }

  #dequeue(name: string): void {
    for (const q of this.#taintQueues.values()) q.nodes = q.nodes.filter((n) => n !== name);
  }

  #scheduleTaintPass(after: number): void {
    const k = Math.ceil((after - this.#start) / NO_EXECUTE_TAINTING_PERIOD_MS);
    const at = this.#start + Math.max(k, 1) * NO_EXECUTE_TAINTING_PERIOD_MS;
    const tick = at <= this.#ctx.clock.now() ? this.#ctx.clock.now() + NO_EXECUTE_TAINTING_PERIOD_MS : at;
    if (this.#taintPass !== undefined) this.#ctx.clock.cancel(this.#taintPass);
    this.#taintPass = this.#ctx.clock.at(tick, 'node-lifecycle no-execute tainting', () => {
      this.#taintPass = undefined;
      this.#noExecuteTaintingPass();
    });
  }

  /** Zone states (ComputeZoneState) over all nodes that have posted a Ready condition. */
  #zoneStates(): { states: Map<string, 'Normal' | 'PartialDisruption' | 'FullDisruption'>; total: number } {
    const counts = new Map<string, { ready: number; notReady: number }>();
    let total = 0;
    for (const n of this.#ctx.api.list<Node>('Node')) {
      const r = readyStatus(n);
      if (r === undefined || n.metadata.labels?.['node.kubernetes.io/exclude-disruption'] !== undefined) continue;
      total++;
      const c = counts.get(zoneOf(n)) ?? { ready: 0, notReady: 0 };
      if (r === 'True') c.ready++;
      else c.notReady++;
      counts.set(zoneOf(n), c);
    }
    const states = new Map<string, 'Normal' | 'PartialDisruption' | 'FullDisruption'>();
    for (const [zone, c] of counts) {
      const all = c.ready + c.notReady;
      if (c.ready === 0 && c.notReady > 0) states.set(zone, 'FullDisruption');
      else if (c.notReady > 2 && c.notReady / all >= UNHEALTHY_ZONE_THRESHOLD) states.set(zone, 'PartialDisruption');
      else states.set(zone, 'Normal');
    }
    return { states, total };
  }

  #noExecuteTaintingPass(): void {
    const now = this.#ctx.clock.now();
    const { states, total } = this.#zoneStates();
    const allFull = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    if (allFull) {
      // master disruption mode: no evictions, NoExecute taints removed everywhere
      for (const n of this.#ctx.api.list<Node>('Node')) {
        const taints = n.spec?.taints ?? [];
        const kept = taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY)));
        if (kept.length !== taints.length) this.#setTaints(n.metadata.name, kept);
      }
      return;
    }
    let again: number | null = null;
    for (const [zone, q] of this.#taintQueues) {
      if (q.nodes.length === 0) continue;
      const state = states.get(zone) ?? 'Normal';
      if (state === 'PartialDisruption' && total <= LARGE_CLUSTER_THRESHOLD) continue; // limiter at 0 QPS
      if (now < q.nextAllowed) {
        again = again === null ? q.nextAllowed : Math.min(again, q.nextAllowed);
        continue;
      }
      const name = q.nodes.shift()!;
      const node = this.#ctx.api.get<Node>('Node', undefined, name);
      const ready = node ? readyStatus(node) : undefined;
      if (!node || ready === 'True' || ready === undefined) continue;
      const key = ready === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
      const opposite = key === TAINT_NOT_READY ? TAINT_UNREACHABLE : TAINT_NOT_READY;
      const taints = (node.spec?.taints ?? []).filter((t) => !(t.effect === 'NoExecute' && t.key === opposite));
      if (!taints.some((t) => t.key === key && t.effect === 'NoExecute')) taints.push({ key, effect: 'NoExecute', timeAdded: rfc3339(now) });
      if (!deepEqual(taints, node.spec?.taints ?? [])) this.#setTaints(name, taints);
      q.nextAllowed = now + EVICTION_INTERVAL_MS;
      if (q.nodes.length) again = again === null ? q.nextAllowed : Math.min(again, q.nextAllowed);
    }
    if (again !== null) this.#scheduleTaintPass(again);
  }
}

/** The node lifecycle controller (with node IPAM). */
export function nodeLifecycleController(): Controller {
  return {
    name: 'node-lifecycle-controller',
    start(ctx) {
      new NodeLifecycle(ctx);
    },
  };
}
