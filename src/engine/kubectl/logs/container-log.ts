// A container's log as the kubelet serves it for `kubectl logs` (pkg/kubelet/kubelet_pods.go
// validateContainerLogStatus, GetContainerLogs): the current instance's output (or, when the container waits to
// restart, the last terminated instance's), the previous instance's with --previous, each line stamped with the
// time it was written. The text is what the container's command prints (program-output.ts) between the
// instance's start and its end, or now while it runs. Errors carry the API server's words.
import type { Container, ContainerStatus, Pod } from '../../api/kinds.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { containerArgv, containerEnvironment, podHostname } from './container-env.ts';
import { programOutput } from './program-output.ts';
import type { Chunk } from './program-output.ts';

/** One line of the log: its text (with the newline, unless the process ended in the middle of a line) and when it was written. */
export interface LogLine {
  atMs: number;
  text: string;
}

/** One run of a container, as the pod's status records it. */
export interface Instance {
  containerID: string;
  startedAt: number;
  /** Absent while it runs. */
  finishedAt?: number;
}

export type LogSource =
  | { ok: true; pod: Pod; container: Container; instance: Instance | null }
  | { ok: false; error: string };

const badRequest = (msg: string): LogSource => ({ ok: false, error: `Error from server (BadRequest): ${msg}` });

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  const st = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
  return st?.containerStatuses?.find((s) => s.name === name) ?? st?.initContainerStatuses?.find((s) => s.name === name);
}

/** Every container of the pod spec: init containers, then containers. */
export function podContainers(pod: Pod): Container[] {
  const spec = pod.spec as { initContainers?: Container[]; containers?: Container[] } | undefined;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** Which run of the container `kubectl logs [-p]` reads, or the kubelet's error. */
export function logSource(sim: Simulation, namespace: string, podName: string, containerName: string, previous: boolean): LogSource {
  const pod = sim.api.get<Pod>('Pod', namespace, podName);
  if (!pod) return { ok: false, error: `Error from server (NotFound): pods "${podName}" not found` };
  const container = podContainers(pod).find((c) => c.name === containerName);
  if (!container) return badRequest(`container ${containerName} is not valid for pod ${podName}`);
  // A pod that has no node yet has no log location: the API server returns an empty log.
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) return { ok: true, pod, container, instance: null };
  const cs = statusOf(pod, containerName);
  if (!cs) return badRequest(`container "${containerName}" in pod "${podName}" is not available`);
  const instance = (t: { startedAt?: string; finishedAt?: string; containerID?: string } | undefined): Instance => ({
    containerID: t?.containerID ?? '',
    startedAt: Date.parse(t?.startedAt ?? '') || 0,
    ...(t?.finishedAt ? { finishedAt: Date.parse(t.finishedAt) } : {}),
  });
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last || !last.containerID) return badRequest(`previous terminated container "${containerName}" in pod "${podName}" not found`);
    return { ok: true, pod, container, instance: instance(last) };
  }
  if (running) return { ok: true, pod, container, instance: { containerID: cs.containerID ?? '', startedAt: Date.parse(running.startedAt ?? '') || 0 } };
  if (terminated) {
    if (terminated.containerID) return { ok: true, pod, container, instance: instance(terminated) };
    if (last?.containerID) return { ok: true, pod, container, instance: instance(last) };
    return badRequest(`container "${containerName}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) return badRequest(`container "${containerName}" in pod "${podName}" is terminated`);
    return { ok: true, pod, container, instance: instance(last) };
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return badRequest(`container "${containerName}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') return badRequest(`container "${containerName}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    return badRequest(`container "${containerName}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}`);
  }
  return badRequest(`container "${containerName}" in pod "${podName}" is waiting to start - no logs yet`);
}

/**
 * Reads a run's output line by line, in time order and lazily: `upTo(t)` returns the lines written up to
 * time t (epoch ms) that earlier calls have not returned. The last partial line comes out when the run ends.
 */
export class InstanceLogReader {
  readonly #chunks: Iterator<Chunk>;
  readonly #start: number;
  #end: number | undefined;
  #pending: Chunk | null = null;
  #partial = '';
  #exhausted = false;

  constructor(sim: Simulation, pod: Pod, container: Container, instance: Instance) {
    const env = containerEnvironment(sim, pod, container);
    const podIP = (pod.status as { podIP?: string } | undefined)?.podIP ?? '';
    const workingDir = (container as { workingDir?: string }).workingDir || '/';
    this.#chunks = programOutput(containerArgv(container, env), { env, startMs: instance.startedAt, hostname: podHostname(pod), podIP, workingDir });
    this.#start = instance.startedAt;
    this.#end = instance.finishedAt;
  }

  /** The run's end, once known. */
  get end(): number | undefined {
    return this.#end;
  }

  /** Records that the run ended at `at` (seen later, while following). */
  finish(at: number): void {
    if (this.#end === undefined) this.#end = at;
  }

  upTo(t: number): LogLine[] {
    const bound = this.#end === undefined ? t : Math.min(t, this.#end);
    const lines: LogLine[] = [];
    for (;;) {
      if (!this.#pending) {
        if (this.#exhausted) break;
        const next = this.#chunks.next();
        if (next.done) {
          this.#exhausted = true;
          break;
        }
        this.#pending = next.value;
      }
      const at = this.#start + this.#pending.atMs;
      if (at > bound) break;
      const parts = (this.#partial + this.#pending.text).split('\n');
      this.#partial = parts.pop()!;
      for (const p of parts) lines.push({ atMs: at, text: `${p}\n` });
      this.#pending = null;
    }
    // The runtime writes what is left of an unfinished line when the process exits.
    if (this.#end !== undefined && t >= this.#end && this.#partial !== '') {
      lines.push({ atMs: this.#end, text: this.#partial });
      this.#partial = '';
    }
    return lines;
  }
}

export type ContainerLogResult = { ok: true; text: string; lines: LogLine[] } | { ok: false; error: string };

/**
 * The log of `container` in pod `namespace/pod` at the simulation's current time (the current run, or with
 * `previous` the one before): its lines, its text, or the error kubectl prints (`Error from server (…): …`).
 */
export function containerLog(sim: Simulation, namespace: string, pod: string, container: string, opts: { previous?: boolean } = {}): ContainerLogResult {
  const src = logSource(sim, namespace, pod, container, opts.previous ?? false);
  if (!src.ok) return src;
  if (!src.instance) return { ok: true, text: '', lines: [] };
  const lines = new InstanceLogReader(sim, src.pod, src.container, src.instance).upTo(sim.now());
  return { ok: true, text: lines.map((l) => l.text).join(''), lines };
}
