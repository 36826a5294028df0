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
  const c: Condition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

function statusOf(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

export function containersReadyCondition(input: ConditionsInput): Condition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const all = [...input.initContainerStatuses, ...input.containerStatuses];
  const check = (name: string) => {
    const s = statusOf(all, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of input.initContainers ?? []) if (c.restartPolicy === 'Always') check(c.name);
  for (const c of input.containers) check(c.name);
  if (input.phase === 'Succeeded' && unknown.length === 0) return cond('ContainersReady', 'False', 'PodCompleted');
  if (input.phase === 'Failed') return cond('ContainersReady', 'False', 'PodFailed');
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return cond('ContainersReady', 'False', 'ContainersNotReady', messages.join(', '));
  return cond('ContainersReady', 'True');
}

export function readyCondition(input: ConditionsInput): Condition {
  const cr = containersReadyCondition(input);
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
  return [
    cond('PodReadyToStartContainers', input.sandboxReady ? 'True' : 'False'),
    initializedCondition(input),
    readyCondition(input),
    containersReadyCondition(input),
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
  for (const c of old ?? []) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  for (const g of generated) {
    const prev = old?.find((c) => c.type === g.type);
    // field order of core/v1 PodCondition as the API serialises it
    const merged = { type: g.type } as Condition;
    if (generation !== undefined) merged.observedGeneration = generation;
    merged.status = g.status;
    merged.lastProbeTime = null;
    merged.lastTransitionTime = prev && prev.status === g.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    if (g.reason) merged.reason = g.reason;
    if (g.message) merged.message = g.message;
    out.push(merged);
  }
  return out;
}

export function conditionOf(status: PodStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}
