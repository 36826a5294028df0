// What a kubelet reports about its node (pkg/kubelet/nodestatus/setters.go): the four conditions with their
// reasons and messages, node info, and the events it records when a condition changes
// (`Node <name> status is now: <reason>`).
import type { NodeStatus } from '../api/kinds.ts';
import type { SeededRandom } from '../clock/random.ts';

export const KUBELET_VERSION = 'v1.35.0';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';
export const KUBELET_PORT = 10250;

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The healthy conditions, in the order a kubelet writes them, with the event each transition records. */
export const HEALTHY_CONDITIONS: { condition: Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>; event: string }[] = [
  { condition: { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' }, event: 'NodeHasSufficientMemory' },
  { condition: { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' }, event: 'NodeHasNoDiskPressure' },
  { condition: { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' }, event: 'NodeHasSufficientPID' },
  { condition: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }, event: 'NodeReady' },
];

/**
 * The kubelet's conditions now: each keeps its lastTransitionTime while its status is unchanged, every
 * heartbeat is `now`. Returns the conditions and the events of the transitions.
 */
export function kubeletNodeConditions(old: NodeCondition[] | undefined, now: string): { conditions: NodeCondition[]; events: string[] } {
  const events: string[] = [];
  const conditions: NodeCondition[] = [];
  for (const { condition, event } of HEALTHY_CONDITIONS) {
    const prev = old?.find((c) => c.type === condition.type);
    const changed = !prev || prev.status !== condition.status;
    if (changed) events.push(event);
    conditions.push({
      type: condition.type,
      status: condition.status,
      lastHeartbeatTime: now,
      lastTransitionTime: changed ? now : (prev.lastTransitionTime ?? now),
      reason: condition.reason,
      message: condition.message,
    });
  }
  // conditions other agents own (NetworkUnavailable from a CNI …) stay after the kubelet's
  for (const c of old ?? []) if (!HEALTHY_CONDITIONS.some((h) => h.condition.type === c.type)) conditions.push(c);
  return { conditions, events };
}

function hex(random: SeededRandom, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += random.int(256).toString(16).padStart(2, '0');
  return s;
}

/** status.nodeInfo of a Linux amd64 node running containerd. */
export function nodeInfo(random: SeededRandom): NodeStatus['nodeInfo'] {
  return {
    machineID: hex(random, 16),
    systemUUID: random.uuid(),
    bootID: random.uuid(),
    kernelVersion: '6.8.0-1024-aws',
    osImage: 'Ubuntu 24.04.2 LTS',
    containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: '',
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}
