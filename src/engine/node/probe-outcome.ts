// What a probe of a simulated container returns at each moment of a container run, decided from the manifest
// alone (there is no real process to ask), as a list of time segments so the prober can tell when the result
// next changes instead of asking every period:
//  * exec probes that test a file (`cat F`, `test -e|-f|-d F`, `[ -f F ]`, `ls F`, also inside `sh -c "…"`)
//    succeed while the file exists, following the container's shell script (file-lifetime.ts); a file the
//    script never touches is assumed to be there.
//  * every other exec probe, and httpGet / tcpSocket / grpc probes, succeed once the container is serving:
//    at once, or after `sim.workload-lab.dev/ready-after` for the pod's main container.
//  * `sim.workload-lab.dev/probe-fail-after: 45s` (any Go duration) makes every probe of the pod fail from that
//    long after its container started, so a lesson can show a liveness restart loop with any image.
// Failure output is what the kubelet's probers print (pkg/probe/{http,tcp,grpc,exec}): Go's url.Error /
// net.OpError text for a refused connection, the gRPC prober's dial timeout, the output of the exec'd
// command (busybox or GNU coreutils wording, with its trailing newline).
import type { Container, Probe } from '../api/kinds.ts';
import { tokenizeShell } from './command.ts';
import { fileTimeline, scriptFileOps, shellScript, type FileOp, type FileTimeline } from './file-lifetime.ts';
import { formatGoDuration } from './go-duration-string.ts';
import { imageBaseName, parseImageName } from './images.ts';

export interface ProbeOutcome {
  ok: boolean;
  /** The prober's output; the kubelet puts it after `<Kind> probe failed: ` in the Unhealthy event. */
  output: string;
}

interface Segment extends ProbeOutcome {
  /** ms after container start from which this outcome holds. */
  from: number;
}

/** A probe's outcome over one container run: piecewise constant, starting at 0. */
export class ProbeOutcomes {
  readonly segments: readonly Segment[];

  constructor(segments: Segment[]) {
    this.segments = segments;
  }

  #index(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.from <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The outcome of a probe run `offset` ms after the container started. */
  at(offset: number): ProbeOutcome {
    return this.segments[this.#index(offset)]!;
  }

  /** The first offset after `offset` at which success turns into failure or back, or null if it never does. */
  nextChange(offset: number): number | null {
    const i = this.#index(offset);
    const ok = this.segments[i]!.ok;
    for (let k = i + 1; k < this.segments.length; k++) if (this.segments[k]!.ok !== ok) return this.segments[k]!.from;
    return null;
  }
}

interface ExecAction {
  command?: string[];
}
interface HTTPGetAction {
  path?: string;
  port?: number | string;
  host?: string;
  scheme?: string;
}
interface TCPSocketAction {
  port?: number | string;
  host?: string;
}
interface GRPCAction {
  port?: number;
  service?: string;
}

/** A probe's handler, as the kubelet's runProbe reads it. */
export function probeHandler(probe: Probe): { exec?: ExecAction; httpGet?: HTTPGetAction; tcpSocket?: TCPSocketAction; grpc?: GRPCAction } {
  return probe as unknown as { exec?: ExecAction; httpGet?: HTTPGetAction; tcpSocket?: TCPSocketAction; grpc?: GRPCAction };
}

/** Images whose `cat`, `ls`, `test` are busybox applets (busybox itself, Alpine and `*-alpine` variants). */
function usesBusybox(image: string): boolean {
  const name = imageBaseName(image);
  return name === 'busybox' || name === 'alpine' || (parseImageName(image).tag ?? '').includes('alpine');
}

interface FileTest {
  path: string;
  /** What the command prints when the file is missing. */
  missing: string;
}

/** `cat F`, `ls F`, `test -e|-f|-d F`, `[ -e|-f|-d F ]`, directly or as the only command of `sh -c`. */
export function fileTestOf(command: string[], image: string): FileTest | null {
  let argv = command;
  const script = shellScript(command);
  if (script !== null) {
    const tokens = tokenizeShell(script);
    if (tokens.some((t) => 'op' in t)) return null;
    argv = tokens.map((t) => (t as { word: string }).word);
  }
  if (argv.length === 0) return null;
  const name = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  const args = argv.slice(1);
  const busybox = usesBusybox(image);
  if (name === 'cat' || name === 'ls') {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length !== 1) return null;
    const f = files[0]!;
    if (name === 'cat') return { path: f, missing: busybox ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n` };
    return { path: f, missing: busybox ? `ls: ${f}: No such file or directory\n` : `ls: cannot access '${f}': No such file or directory\n` };
  }
  if (name === 'test' || name === '[') {
    const rest = name === '[' ? (args[args.length - 1] === ']' ? args.slice(0, -1) : null) : args;
    if (!rest || rest.length !== 2 || !['-e', '-f', '-d'].includes(rest[0]!)) return null;
    return { path: rest[1]!, missing: '' };
  }
  return null;
}

/** httpGet/tcpSocket port: a number, a named container port, or a number written as a string (extractPort). */
function resolvePort(port: number | string | undefined, container: Container): number | null {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string') return null;
  const named = container.ports?.find((p) => p.name === port);
  if (named) return named.containerPort;
  return /^\d+$/.test(port) ? Number(port) : null;
}

/** net.JoinHostPort. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The output of a probe that cannot reach a server that is not (yet, or any more) listening. */
export function refusedOutput(probe: Probe, container: Container, podIP: string): string {
  const h = probeHandler(probe);
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port, container) ?? 0;
    const host = h.httpGet.host || podIP;
    const path = h.httpGet.path || '/';
    const scheme = (h.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${hostPort(host, port)}${path.startsWith('/') ? '' : '/'}${path}`;
    // url.Error{Op: "Get", URL, Err: net.OpError{dial tcp …: connect: connection refused}}
    return `Get "${url}": dial tcp ${hostPort(host, port)}: connect: connection refused`;
  }
  if (h.tcpSocket) {
    const port = resolvePort(h.tcpSocket.port, container) ?? 0;
    return `dial tcp ${hostPort(h.tcpSocket.host || podIP, port)}: connect: connection refused`;
  }
  if (h.grpc) {
    // the gRPC prober dials with WithBlock: a refused connection waits out the timeout
    const timeout = (probe.timeoutSeconds || 1) * 1000;
    return `timeout: failed to connect service "${hostPort(podIP, h.grpc.port ?? 0)}" within ${formatGoDuration(timeout)}: context deadline exceeded`;
  }
  return '';
}

export interface OutcomeInput {
  probe: Probe;
  container: Container;
  podIP: string;
  /** From container start until the process serves (ready-after for the main container, else 0). */
  servingAfterMs: number;
  /** `probe-fail-after`: from this long after start every probe fails (null: never). */
  failAfterMs: number | null;
  /** The file operations of the container's shell script (null: it runs none). */
  fileOps: readonly FileOp[] | null;
}

/** Outcomes already built: the replicas of a workload share them (exec outcomes do not depend on the pod IP). */
const cache = new Map<string, ProbeOutcomes>();
const CACHE_SIZE = 512;

/** probeOutcomes for the container's own command line, shared between pods whose inputs are equal. */
export function containerProbeOutcomes(probe: Probe, container: Container, podIP: string, servingAfterMs: number, failAfterMs: number | null): ProbeOutcomes {
  const argv = container.command ? [...container.command, ...(container.args ?? [])] : [...(container.args ?? [])];
  const exec = probeHandler(probe).exec !== undefined;
  const key = JSON.stringify([probe, container.image, argv, exec ? null : container.ports ?? null, exec ? '' : podIP, servingAfterMs, failAfterMs]);
  let o = cache.get(key);
  if (!o) {
    o = probeOutcomes({ probe, container, podIP, servingAfterMs, failAfterMs, fileOps: scriptFileOps(argv) });
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, o);
  }
  return o;
}

/** The outcomes of `probe` over a run of its container. */
export function probeOutcomes(input: OutcomeInput): ProbeOutcomes {
  const { probe, container } = input;
  const exec = probeHandler(probe).exec;
  const test = exec?.command ? fileTestOf(exec.command, container.image) : null;
  const timeline: FileTimeline | null = test && input.fileOps ? fileTimeline(input.fileOps, test.path) : null;
  const failure = test ? test.missing : exec ? '' : refusedOutput(probe, container, input.podIP);
  let segments: Segment[];
  if (timeline) {
    segments = [{ from: 0, ok: timeline.initial, output: timeline.initial ? '' : failure }];
    for (const ch of timeline.changes) segments.push({ from: ch.at, ok: ch.exists, output: ch.exists ? '' : failure });
    if (segments.length > 1 && segments[1]!.from === 0) segments.shift();
  } else if (input.servingAfterMs > 0) {
    segments = [
      { from: 0, ok: false, output: failure },
      { from: input.servingAfterMs, ok: true, output: '' },
    ];
  } else {
    segments = [{ from: 0, ok: true, output: '' }];
  }
  if (input.failAfterMs !== null) {
    const cut = input.failAfterMs;
    segments = segments.filter((s) => s.from < cut);
    if (segments.length === 0) segments.push({ from: 0, ok: false, output: failure });
    else segments.push({ from: cut, ok: false, output: failure });
  }
  return new ProbeOutcomes(segments);
}
