// The kubelet of one node: registers the node's status, keeps the node's images and pod IPs, serializes image
// pulls (serializeImagePulls, the kubelet default), runs a pod worker per pod bound to the node, and can be cut
// off from the API server (a failed node) and reconnected.
import type { Node, Pod } from '../api/kinds.ts';
import { rfc3339 } from '../clock/time-format.ts';
import type { ControllerContext } from '../controllers/runtime.ts';
import { LATENCY } from '../sim/latencies.ts';
import { Backoff } from './backoff.ts';
import type { AttemptCounter } from './container-behaviour.ts';
import { leaseBoard } from './leases.ts';
import { kubeletNodeConditions, KUBELET_PORT, nodeInfo, type NodeCondition } from './node-status.ts';
import { FAILED_PULL_MS, PodWorker, type NodeRuntime } from './pod-worker.ts';

/** Back-off of container restarts and image pulls (§1.4): 10 s doubling to 300 s. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** The size LATENCY.imagePull is measured for (nginx, ≈72 MB); other images scale with their size. */
const REFERENCE_IMAGE_BYTES = 72_099_410;
const MAX_PULL_MS = 10 * 60_000;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** The first pod address of a node's range (.0 is the network, .1 the bridge gateway). */
const FIRST_HOST = 2;

/** The round-robin's next offset after `last` among `count` addresses that `isUsed` does not hold, or null. */
function nextFreeOffset(last: number, count: number, isUsed: (offset: number) => boolean): number | null {
  const from = last >= FIRST_HOST ? last + 1 : FIRST_HOST;
  for (let i = 0; i < count; i++) {
    const offset = FIRST_HOST + ((from - FIRST_HOST + i) % count);
    if (!isUsed(offset)) return offset;
  }
  return null;
}

export class NodeAgent implements NodeRuntime {
  readonly ctx: ControllerContext;
  readonly nodeName: string;
  readonly crashBackoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  readonly imageBackoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  readonly attempts: AttemptCounter;
  #up = true;
  #node: Node;
  #fallbackCIDR: string;
  #images = new Set<string>();
  #pullFreeAt = 0;
  #inflight = new Map<string, number>();
  #usedIPs = new Set<string>();
  #lastIP = 0;
  #workers = new Map<string, PodWorker>();
  #nodeInfo: ReturnType<typeof nodeInfo>;
  #listBound: () => Pod[];

  constructor(ctx: ControllerContext, node: Node, index: number, attempts: AttemptCounter, listBound: () => Pod[]) {
    this.#listBound = listBound;
    this.ctx = ctx;
    this.nodeName = node.metadata.name;
    this.#node = node;
    this.#fallbackCIDR = `10.244.${index % 256}.0/24`;
    this.attempts = attempts;
    this.#nodeInfo = nodeInfo(ctx.random);
  }

  get up(): boolean {
    return this.#up;
  }

  get node(): Node {
    return this.#node;
  }

  set node(n: Node) {
    this.#node = n;
  }

  // ---- node registration and heartbeats -------------------------------------------------------------------

  /** The kubelet starts: events, node status with its conditions, lease renewals, pods already bound here. */
  register(): void {
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (!node) return;
    this.#nodeEvent('Starting', 'Starting kubelet.');
    this.#postStatus(true);
    leaseBoard(this.ctx.api).start(this.nodeName, this.ctx.clock.now());
    this.#adoptBoundPods();
  }

  #nodeEvent(reason: string, message: string): void {
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (node) this.ctx.events.record(node, 'Normal', reason, message, 'kubelet', { host: this.nodeName });
  }

  /** setNodeStatus: the kubelet's conditions (events on each transition), node info, daemon endpoints. */
  #postStatus(starting: boolean): void {
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (!node) return;
    const now = rfc3339(this.ctx.clock.now());
    const old = node.status ?? {};
    const { conditions, events } = kubeletNodeConditions(old.conditions as NodeCondition[] | undefined, now);
    const { capacity, allocatable, conditions: _c, addresses, daemonEndpoints: _d, nodeInfo: info, ...rest } = old;
    node.status = {
      ...(capacity ? { capacity } : {}),
      ...(allocatable ? { allocatable } : {}),
      conditions: conditions as unknown as NonNullable<Node['status']>['conditions'],
      ...(addresses ? { addresses } : {}),
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: info ?? this.#nodeInfo,
      ...rest,
    };
    this.ctx.api.updateStatus(node);
    for (const e of events) {
      if (starting && e === 'NodeReady') this.#nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
      this.#nodeEvent(e, `Node ${this.nodeName} status is now: ${e}`);
    }
  }

  /** The node is cut off: no status, no events, no lease renewals; its containers keep running. */
  disconnect(): void {
    this.#up = false;
    leaseBoard(this.ctx.api).stop(this.nodeName, this.ctx.clock.now());
  }

  /** The node is back: post Ready, renew the lease, catch up with every pod bound here. */
  reconnect(): void {
    this.#up = true;
    this.#postStatus(false);
    leaseBoard(this.ctx.api).start(this.nodeName, this.ctx.clock.now());
    const pods = this.#boundPods();
    const seen = new Set(pods.map((p) => p.metadata.uid));
    for (const w of [...this.#workers.values()]) if (!seen.has(w.uid)) w.destroy();
    for (const pod of pods) {
      const w = this.#workers.get(pod.metadata.uid);
      if (w) w.resync(pod);
      else if (!isTerminal(pod)) this.#startWorker(pod);
    }
  }

  // ---- pods -----------------------------------------------------------------------------------------------

  #boundPods(): Pod[] {
    return this.#listBound();
  }

  #adoptBoundPods(): void {
    for (const pod of this.#boundPods()) if (!this.#workers.has(pod.metadata.uid) && !isTerminal(pod)) this.#startWorker(pod);
  }

  #startWorker(pod: Pod): void {
    const w = new PodWorker(this, pod);
    this.#workers.set(pod.metadata.uid, w);
    // the pod worker runs after the watch event has been delivered to everyone
    this.ctx.clock.after(0, `kubelet ${this.nodeName} admit ${pod.metadata.namespace}/${pod.metadata.name}`, () => {
      if (this.#workers.get(pod.metadata.uid) === w) w.start();
    });
  }

  /** A watch event for a pod bound to this node. */
  podEvent(type: string, pod: Pod): void {
    if (!this.#up) return;
    const w = this.#workers.get(pod.metadata.uid);
    if (type === 'DELETED') {
      w?.destroy();
      return;
    }
    if (w) w.observe(pod);
    else if (!isTerminal(pod)) this.#startWorker(pod);
  }

  worker(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.#workers.values()) if (w.namespace === namespace && w.name === name) return w;
    return undefined;
  }

  workerDone(uid: string): void {
    this.#workers.delete(uid);
  }

  /** The node object is gone: its pods' workers stop. */
  remove(): void {
    for (const w of [...this.#workers.values()]) w.destroy();
  }

  // ---- addresses ------------------------------------------------------------------------------------------

  hostIP(): string {
    return this.#node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  /** host-local IPAM: the next free address of the node's pod CIDR after the last one handed out (from .2). */
  allocateIP(): string {
    const { net, count } = this.#range();
    const offset = nextFreeOffset(this.#lastIP, count, (o) => this.#usedIPs.has(intToIp(net + o)));
    if (offset === null) return intToIp(net + FIRST_HOST);
    const ip = intToIp(net + offset);
    this.#usedIPs.add(ip);
    this.#lastIP = offset;
    return ip;
  }

  /**
   * Moves the round-robin on as `n` allocations whose addresses were released before the next one would have
   * needed them (the pods of a periodic run's skipped hours: see sim/fast-forward).
   */
  skipAllocations(n: number): void {
    const { net, count } = this.#range();
    const used = new Set([...this.#usedIPs].map((ip) => ipToInt(ip) - net));
    for (let i = 0; i < n; i++) {
      const offset = nextFreeOffset(this.#lastIP, count, (o) => used.has(o));
      if (offset === null) return;
      this.#lastIP = offset;
    }
  }

  #range(): { net: number; count: number } {
    const cidr = (this.#node.spec?.podCIDR as string | undefined) ?? this.#fallbackCIDR;
    const [addr, bits] = cidr.split('/');
    const prefix = Number(bits ?? 24);
    const size = 2 ** (32 - prefix);
    // .0 is the network, .1 the bridge gateway, and the last address is broadcast
    return { net: ipToInt(addr!) - (ipToInt(addr!) % size), count: Math.max(1, size - 3) };
  }

  releaseIP(ip: string): void {
    this.#usedIPs.delete(ip);
  }

  // ---- images ---------------------------------------------------------------------------------------------

  imagePresent(image: string): boolean {
    return this.#images.has(image);
  }

  /**
   * One pull at a time per node. A pull's own duration scales LATENCY.imagePull with the image size (±10 %);
   * a pull of an image already being pulled waits for it and then finds the layers present (5 %).
   */
  pull(image: string, fails: boolean, size: number, done: (r: { ok: boolean; pullMs: number; totalMs: number }) => void): void {
    const clock = this.ctx.clock;
    const now = clock.now();
    const jitter = 0.9 + 0.2 * this.ctx.random.float();
    let own = fails
      ? Math.round(FAILED_PULL_MS * jitter)
      : Math.min(MAX_PULL_MS, Math.round(LATENCY.imagePull * (0.15 + (0.85 * size) / REFERENCE_IMAGE_BYTES) * jitter));
    if (!fails && this.#inflight.has(image)) own = Math.max(50, Math.round(own * 0.05));
    const start = Math.max(now, this.#pullFreeAt);
    const end = start + own;
    this.#pullFreeAt = end;
    if (!fails) this.#inflight.set(image, end);
    clock.at(end, `kubelet ${this.nodeName} pull ${image}`, () => {
      if (!fails) {
        this.#images.add(image);
        if (this.#inflight.get(image) === end) this.#inflight.delete(image);
      }
      done({ ok: !fails, pullMs: own, totalMs: end - now });
    });
  }
}
