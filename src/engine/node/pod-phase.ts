// The kubelet's getPhase (pkg/kubelet/kubelet_pods.go), reference §1.2: the pod phase from the container
// statuses. Pure, so it can be tested against every rule and consequence of §1.2.
import type { Container, ContainerStatus, PodStatus } from '../api/kinds.ts';

export type PodPhase = NonNullable<PodStatus['phase']>;

export interface PhaseInput {
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  initContainers?: Pick<Container, 'name' | 'restartPolicy'>[];
  containers: Pick<Container, 'name'>[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  /** The kubelet is terminating the pod (deleted or evicted): stopped containers decide Succeeded/Failed. */
  podIsTerminal?: boolean;
  /** Some regular container has started before (Initialized was True once): sidecars no longer gate the phase. */
  podHasInitialized?: boolean;
}

function find(statuses: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  if (statuses) for (let i = 0; i < statuses.length; i++) if (statuses[i]!.name === name) return statuses[i];
  return undefined;
}

export function getPhase(input: PhaseInput): PodPhase {
  const policy = input.restartPolicy ?? 'Always';
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  for (const c of input.initContainers ?? []) {
    const s = find(input.initContainerStatuses, c.name);
    if (c.restartPolicy === 'Always') {
      // a sidecar gates initialization until it has started
      if (input.podHasInitialized) continue;
      if (!s || !s.started) pendingRestartableInit++;
      continue;
    }
    if (!s) {
      pendingRegularInit++;
    } else if (s.state.running) {
      pendingRegularInit++;
    } else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of input.containers) {
    const s = find(input.containerStatuses, c.name);
    if (!s) {
      unknown++;
    } else if (s.state.running) {
      running++;
    } else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !input.podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (input.podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
