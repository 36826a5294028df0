// The pod conditions the kubelet owns (pkg/kubelet/status/generate.go), reference §1.5, and how the status
// manager merges them into the stored status: conditions owned by others (DisruptionTarget …) stay first,
// lastTransitionTime changes only when a condition's status changes.
import type { Condition, Container, ContainerStatus, PodStatus } from '../api/kinds.ts';
import type { PodPhase } from './pod-phase.ts';

export const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export interface ConditionsInput {
  initContainers?: Pick<Container, 'name' | 'restartPolicy'>[];
  containers: Pick<Container, 'name'>[];
  readinessGates?: { conditionType: string }[];
  initContainerStatuses: ContainerStatus[];
  containerStatuses: ContainerStatus[];
  phase: PodPhase;
  /** A sandbox with networking exists. */
  sandboxReady: boolean;
  /** The pod's current conditions (for readiness gates). */
  existing?: Condition[];
}

/** Go's `%s` of a []string: `[a b]`. */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function cond(type: string, status: Condition['status'], reason?: string, message?: string): Condition {
  if (!reason && !message) return plainCondition(type, status);
  const c: Condition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/**
 * Generated conditions without reason or message (most of them: every status write of every pod generates
 * five) are shared frozen objects: they are only read, by mergeConditions, which builds what it stores.
 */
const plainConditions = new Map<string, Map<string, Condition>>();

function plainCondition(type: string, status: Condition['status']): Condition {
  let byType = plainConditions.get(status);
  if (!byType) plainConditions.set(status, (byType = new Map()));
  let c = byType.get(type);
  if (!c) byType.set(type, (c = Object.freeze({ type, status })));
  return c;
}

function statusOf(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  for (let i = 0; i < statuses.length; i++) if (statuses[i].name === name) return statuses[i];
  return undefined;
}

/** The container `name` by its first status, init container statuses first: no status, ready, or not ready. */
function readiness(input: ConditionsInput, name: string): 'unknown' | 'ready' | 'unready' {
  const s = statusOf(input.initContainerStatuses, name) ?? statusOf(input.containerStatuses, name);
  return !s ? 'unknown' : s.ready ? 'ready' : 'unready';
}

// Runs on every status write of every pod: loops, and lists only when a container is unknown or unready.
export function containersReadyCondition(input: ConditionsInput): Condition {
  let unknown: string[] | undefined;
  let unready: string[] | undefined;
  const inits = input.initContainers;
  if (inits) {
    for (const c of inits) {
      if (c.restartPolicy !== 'Always') continue;
      const r = readiness(input, c.name);
      if (r === 'unknown') (unknown ??= []).push(c.name);
      else if (r === 'unready') (unready ??= []).push(c.name);
    }
  }
  for (const c of input.containers) {
    const r = readiness(input, c.name);
    if (r === 'unknown') (unknown ??= []).push(c.name);
    else if (r === 'unready') (unready ??= []).push(c.name);
  }
  if (input.phase === 'Succeeded' && unknown === undefined) return cond('ContainersReady', 'False', 'PodCompleted');
  if (input.phase === 'Failed') return cond('ContainersReady', 'False', 'PodFailed');
  const messages: string[] = [];
  if (unknown) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return cond('ContainersReady', 'False', 'ContainersNotReady', messages.join(', '));
  return cond('ContainersReady', 'True');
}

/** `containersReady`: the ContainersReady condition of the same input, when the caller has it already. */
export function readyCondition(input: ConditionsInput, containersReady?: Condition): Condition {
  const cr = containersReady ?? containersReadyCondition(input);
  if (cr.status !== 'True') return cond('Ready', cr.status, cr.reason, cr.message);
  const messages: string[] = [];
  for (const gate of input.readinessGates ?? []) {
    const c = input.existing?.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return cond('Ready', 'False', 'ReadinessGatesNotReady', messages.join(', '));
  return cond('Ready', 'True');
}

export function initializedCondition(input: ConditionsInput): Condition {
  const inits = input.initContainers ?? [];
  if (inits.length === 0) return cond('Initialized', 'True');
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = statusOf(input.initContainerStatuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const initialized = c.restartPolicy === 'Always' ? s.started === true : s.ready;
    if (!initialized) incomplete.push(c.name);
  }
  if (input.phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', 'True', 'PodCompleted');
  const regularStarted = input.containerStatuses.some((s) => input.containers.some((c) => c.name === s.name) && (s.state.running || s.state.terminated));
  if (regularStarted) return cond('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return cond('Initialized', 'False', 'ContainersNotInitialized', messages.join(', '));
  return cond('Initialized', 'True');
}

/** generateAPIPodStatus order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. */
export function kubeletConditions(input: ConditionsInput): Condition[] {
  const containersReady = containersReadyCondition(input);
  return [
    cond('PodReadyToStartContainers', input.sandboxReady ? 'True' : 'False'),
    initializedCondition(input),
    readyCondition(input, containersReady),
    containersReady,
    cond('PodScheduled', 'True'),
  ];
}

/**
 * The status manager's merge: conditions the kubelet does not own are kept first, in their order; each
 * generated condition keeps the old lastTransitionTime while its status is unchanged (lastProbeTime is null,
 * observedGeneration the pod generation the kubelet acted on).
 */
export function mergeConditions(old: Condition[] | undefined, generated: Condition[], now: string, generation: number | undefined): Condition[] {
  const out: Condition[] = [];
  if (old) for (const c of old) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  for (const g of generated) {
    let prev: Condition | undefined;
    if (old) for (const c of old) if (c.type === g.type) { prev = c; break; }
    const lastTransitionTime = prev && prev.status === g.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    // An unchanged condition is the previous object itself: stored objects are never changed, and the status
    // then shares it instead of holding one more copy.
    if (prev && sameMerged(prev, g, generation, lastTransitionTime)) {
      out.push(prev);
      continue;
    }
    // field order of core/v1 PodCondition as the API serialises it
    const merged = { type: g.type } as Condition;
    if (generation !== undefined) merged.observedGeneration = generation;
    merged.status = g.status;
    merged.lastProbeTime = null;
    merged.lastTransitionTime = lastTransitionTime;
    if (g.reason) merged.reason = g.reason;
    if (g.message) merged.message = g.message;
    out.push(merged);
  }
  return out;
}

/** The key order mergeConditions writes, by (observedGeneration ? 4 : 0) | (reason ? 2 : 0) | (message ? 1 : 0). */
const MERGED_KEYS: string[][] = Array.from({ length: 8 }, (_, bits) => [
  'type',
  ...(bits & 4 ? ['observedGeneration'] : []),
  'status',
  'lastProbeTime',
  'lastTransitionTime',
  ...(bits & 2 ? ['reason'] : []),
  ...(bits & 1 ? ['message'] : []),
]);

/** `prev` is exactly (same keys in the same order, same values) what mergeConditions would build from `g`. */
function sameMerged(prev: Condition, g: Condition, generation: number | undefined, lastTransitionTime: string): boolean {
  if (prev.type !== g.type || prev.status !== g.status || prev.lastProbeTime !== null || prev.lastTransitionTime !== lastTransitionTime) return false;
  if (prev.observedGeneration !== generation || prev.reason !== (g.reason || undefined) || prev.message !== (g.message || undefined)) return false;
  const keys = MERGED_KEYS[(generation !== undefined ? 4 : 0) | (g.reason ? 2 : 0) | (g.message ? 1 : 0)]!;
  let i = 0;
  for (const k in prev) if (keys[i++] !== k) return false;
  return i === keys.length;
}
