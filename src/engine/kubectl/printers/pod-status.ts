// The READY, STATUS and RESTARTS cells of `kubectl get pods` (reference §1.6; kubernetes
// pkg/printers/internalversion/printers.go `printPod`). Pure functions of the pod and the time.
import type { Container, ContainerStatus, Pod } from '../../api/kinds.ts';
import { ageSince } from '../human-duration.ts';

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function podCells(pod: Pod, nowMs: number): PodCells {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = spec?.initContainers ?? [];
  const initByName = new Map(initSpecs.map((c) => [c.name, c]));
  let total = (spec?.containers ?? []).length + initSpecs.filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  const phase = status.phase ?? '';
  // Step 1: phase, or the pod's reason (Evicted, NodeLost …), or SchedulingGated.
  let reason: string = status.reason ? status.reason : phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  // Step 2: init containers in order; the first one that is not done decides.
  let initializing = false;
  const inits: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i]!;
    restarts += cs.restartCount ?? 0;
    lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterOf(lastSidecarRestart, cs.lastState?.terminated?.finishedAt);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  // Step 3: regular containers from last to first, so the first in spec order with a reason wins.
  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const regular = status.containerStatuses ?? [];
    for (let i = regular.length - 1; i >= 0; i--) {
      const cs = regular[i]!;
      restarts += cs.restartCount ?? 0;
      lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // Step 4: a completed container beside a running one.
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  // Step 5: deletion.
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartsText = restarts !== 0 && lastRestart ? `${restarts} (${ageSince(lastRestart, nowMs)} ago)` : String(restarts);
  total = Math.max(total, 0);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}
