// Shared pieces of the node tests: a cluster with the node controllers, a recorder of the pod watch stream,
// and the `kubectl get pods` STATUS column as reference §1.6 defines it.
import type { WatchEvent } from '../../../src/engine/api/api-server.ts';
import type { ContainerStatus, EventObject, Node, Pod, Taint } from '../../../src/engine/api/kinds.ts';
import { nodeControllers } from '../../../src/engine/node/index.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';

export const T0 = Date.UTC(2026, 0, 1);

export interface NodeSpecInput {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string;
  gpus?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ip?: string;
}

export function node(n: NodeSpecInput): Node {
  const resources: Record<string, string> = { cpu: n.cpu ?? '4', memory: n.memory ?? '16Gi', pods: n.pods ?? '110' };
  if (n.gpus !== undefined) resources['nvidia.com/gpu'] = String(n.gpus);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, ...(n.labels ?? {}) }, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { ...(n.taints ? { taints: n.taints } : {}), ...(n.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: { ...resources }, allocatable: { ...resources }, addresses: [{ type: 'InternalIP', address: n.ip ?? '10.0.0.10' }, { type: 'Hostname', address: n.name }] },
  };
}

export function cluster(opts: { nodes?: Node[]; seed?: number } = {}): Simulation {
  return new Simulation({ controllers: nodeControllers(), nodes: opts.nodes, seed: opts.seed, startMs: T0 });
}

export interface PodInput {
  name: string;
  image?: string;
  command?: string[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  annotations?: Record<string, string>;
  requests?: Record<string, string>;
  /** Limits (extended resources such as nvidia.com/gpu must be given here; the API copies them to requests). */
  limits?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  initContainers?: Record<string, unknown>[];
  containers?: Record<string, unknown>[];
  extraSpec?: Record<string, unknown>;
}

export function pod(p: PodInput): Record<string, unknown> {
  const main: Record<string, unknown> = { name: 'app', image: p.image ?? 'nginx:1.27' };
  if (p.command) main.command = p.command;
  if (p.requests || p.limits) main.resources = { ...(p.requests ? { requests: p.requests } : {}), ...(p.limits ? { limits: p.limits } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, ...(p.annotations ? { annotations: p.annotations } : {}) },
    spec: {
      ...(p.restartPolicy ? { restartPolicy: p.restartPolicy } : {}),
      ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
      ...(p.initContainers ? { initContainers: p.initContainers } : {}),
      containers: p.containers ?? [main],
      ...(p.extraSpec ?? {}),
    },
  };
}

export function apply(sim: Simulation, obj: Record<string, unknown>): Pod {
  const r = sim.apply(obj);
  if (r.error) throw new Error(r.error.message);
  return r.object as Pod;
}

/** Every watch event of the given kinds, in order. */
export function record(sim: Simulation, kinds: string[] = ['Pod']): WatchEvent[] {
  const out: WatchEvent[] = [];
  sim.api.watch(kinds, (e) => out.push(e));
  return out;
}

export function getPod(sim: Simulation, name: string, namespace = 'default'): Pod | undefined {
  return sim.api.get<Pod>('Pod', namespace, name);
}

export function podEvents(sim: Simulation, name: string): EventObject[] {
  return (sim.api.list('Event') as EventObject[])
    .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
}

export function condition(p: Pod | undefined, type: string) {
  return p?.status?.conditions?.find((c) => c.type === type);
}

/** `kubectl get pods` STATUS (reference §1.6 "STATUS algorithm"). */
export function statusColumn(p: Pod): string {
  const st = p.status ?? {};
  let reason: string = st.reason || st.phase || '';
  if (st.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const inits = p.spec?.initContainers ?? [];
  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c: ContainerStatus = initStatuses[i]!;
    const sidecar = inits.find((x) => x.name === c.name)?.restartPolicy === 'Always';
    const t = c.state.terminated;
    if (t && t.exitCode === 0) continue;
    if (sidecar && c.started) continue;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }
  const initialized = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.state.running && c.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (p.metadata.deletionTimestamp) {
    if (st.reason === 'NodeLost') reason = 'Unknown';
    else if (st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating';
  }
  return reason;
}

/** The distinct STATUS values a pod showed over the watch stream, in order. */
export function statusHistory(events: WatchEvent[], name: string): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.object.metadata.name !== name || e.type === 'DELETED') continue;
    const s = statusColumn(e.object as Pod);
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}
