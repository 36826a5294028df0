// `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]` and `kubectl logs -l SELECTOR`, as kubectl 1.35 runs
// them (kubectl pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go, helpers.go GetFirstPod with
// podutils.ByLogging): the pod and container are chosen as kubectl chooses them (kubectl.kubernetes.io/default-
// container, else the first container with `Defaulted container …` on stderr; for a workload the best pod with
// `Found N pods, using pod/X`), each container's log comes from logs/container-log.ts, and the kubelet's options
// apply (--tail, --since, --since-time, --timestamps, --limit-bytes), then --prefix. `-f` returns a stream that
// prints new lines as the containers write them and ends when they stop. Texts follow the kubectl 1.35.2
// recordings (tests/golden/kubectl-oracle 34–37, 44; tests/golden/kubectl-logs).
//
// kubectl reads several containers' logs in Go map order (random); here they come in pod and spec order.
import type { Container, LabelSelector, Pod } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { parseGoDuration } from '../../cron/go-duration.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult, KubectlStream } from '../context.ts';
import { apiResourceFor, simulatedKind } from '../discovery.ts';
import { goSort } from '../go-sort.ts';
import { InstanceLogReader, logSource, podContainers } from '../logs/container-log.ts';
import type { LogLine } from '../logs/container-log.ts';
import { parseSelector } from '../selector.ts';
import { fail, isResult, parseFlags } from './common.ts';

export { containerLog } from '../logs/container-log.ts';
export type { ContainerLogResult, LogLine } from '../logs/container-log.ts';

const USAGE_ERROR = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** --pod-running-timeout's default: how long `logs TYPE/NAME` waits for a first pod. */
const POD_RUNNING_TIMEOUT_MS = 20_000;
/** The tail kubectl asks for when pods are chosen by a selector. */
const SELECTOR_TAIL = 10;

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

interface Options {
  namespace: string;
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  prefix: boolean;
  allContainers: boolean;
  allPods: boolean;
  ignoreErrors: boolean;
  tail: number | null;
  sinceMs: number | null;
  limitBytes: number;
  maxRequests: number;
  podRunningTimeoutMs: number;
}

/** One container whose log is read. */
interface Request {
  pod: Pod;
  container: string;
}

// ---- flags --------------------------------------------------------------------------------------------------

const FLAGS = [
  { long: 'container', short: 'c' },
  { long: 'follow', short: 'f', bool: true },
  { long: 'previous', short: 'p', bool: true },
  { long: 'timestamps', bool: true },
  { long: 'tail' },
  { long: 'since' },
  { long: 'since-time' },
  { long: 'limit-bytes' },
  { long: 'selector', short: 'l' },
  { long: 'all-containers', bool: true },
  { long: 'all-pods', bool: true },
  { long: 'prefix', bool: true },
  { long: 'ignore-errors', bool: true },
  { long: 'max-log-requests' },
  { long: 'pod-running-timeout' },
  { long: 'insecure-skip-tls-verify-backend', bool: true },
];

const flagError = (msg: string) => fail(`error: ${msg}\nSee 'kubectl logs --help' for usage.`);

/** Go's time.Parse error for RFC 3339 (the layout element that failed is reported; the year here). */
function parseRFC3339(v: string): number | string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  return `error: parsing time "${v}" as "2006-01-02T15:04:05Z07:00": cannot parse "${v}" as "2006"`;
}

// ---- choosing pods and containers -------------------------------------------------------------------------

const isReady = (p: Pod) => (p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const readyTime = (p: Pod) => {
  const c = (p.status as { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } | undefined)?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
};
const maxRestarts = (p: Pod) => Math.max(0, ...((p.status as { containerStatuses?: { restartCount: number }[] } | undefined)?.containerStatuses ?? []).map((c) => c.restartCount));
/** afterOrZero(t1, t2): t1 after t2, a zero time counting as the latest. */
const afterOrZero = (t1: number, t2: number) => (t1 === 0 || t2 === 0 ? t1 === 0 : t1 > t2);
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** podutils.ByLogging: the pod whose logs are most worth reading first. */
function byLogging(a: Pod, b: Pod): boolean {
  const na = (a.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  const nb = (b.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  const pa = PHASE_RANK[(a.status as { phase?: string } | undefined)?.phase ?? ''] ?? 0;
  const pb = PHASE_RANK[(b.status as { phase?: string } | undefined)?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const cb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

/** podcmd.AllContainerNames: `web, sidecar, init (init)`. */
function allContainerNames(pod: Pod): string {
  const spec = pod.spec as { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] } | undefined;
  return [...(spec?.containers ?? []).map((c) => c.name), ...(spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`), ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

/** logsForObject for one pod: the container(s) to read and what kubectl says on stderr meanwhile. */
function podRequests(pod: Pod, o: Options, allPods: boolean, stderr: string[]): Request[] | string {
  const spec = pod.spec as { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] } | undefined;
  if (o.allContainers) {
    const names = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].map((c) => c.name);
    return names.map((container) => ({ pod, container }));
  }
  let container = o.container;
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (container === '' && annotated) {
    if (podContainers(pod).some((c) => c.name === annotated)) container = annotated;
    else stderr.push(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
  }
  if (container === '') {
    container = spec?.containers?.[0]?.name ?? '';
    if (((spec?.containers?.length ?? 0) > 1 || (spec?.initContainers?.length ?? 0) > 0 || (spec?.ephemeralContainers?.length ?? 0) > 0) && !allPods) {
      stderr.push(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
    }
  }
  const known = [...podContainers(pod), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === container);
  if (!known) return `error: container ${container} is not valid for pod ${pod.metadata.name}`;
  return [{ pod, container }];
}

/** The label selector of a workload (SelectorsForObject), or kubectl's error for kinds without one. */
function selectorOf(obj: KubeObject): LabelSelector | string {
  const spec = (obj.spec ?? {}) as { selector?: unknown };
  switch (obj.kind) {
    case 'ReplicaSet':
    case 'Deployment':
    case 'Job':
      return (spec.selector ?? {}) as LabelSelector;
    case 'Service': {
      const sel = (spec.selector ?? {}) as Record<string, string>;
      if (Object.keys(sel).length === 0) return `error: cannot get the logs from *v1.Service: invalid service '${obj.metadata.name}': Service is defined without a selector`;
      return { matchLabels: sel };
    }
    default:
      return `error: cannot get the logs from *v1.${obj.kind}: selector for *v1.${obj.kind} not implemented`;
  }
}

// ---- reading ------------------------------------------------------------------------------------------------

/** RFC3339NanoFixed, the kubelet's --timestamps format. */
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}000000Z`;

function formatLines(lines: LogLine[], o: Options, prefix: string): string {
  return lines.map((l) => `${prefix}${o.timestamps ? `${stamp(l.atMs)} ` : ''}${l.text}`).join('');
}

/** The kubelet's since/tail filtering of a finished read. */
function selectLines(lines: LogLine[], o: Options, sinceAbs: number | null): LogLine[] {
  let out = sinceAbs === null ? lines : lines.filter((l) => l.atMs >= sinceAbs);
  if (o.tail !== null && o.tail >= 0) out = o.tail === 0 ? [] : out.slice(-o.tail);
  return out;
}

interface Opened {
  request: Request;
  reader: InstanceLogReader | null;
  containerID: string;
  prefix: string;
}

function open(sim: Simulation, r: Request, o: Options): Opened | string {
  const src = logSource(sim, r.pod.metadata.namespace ?? 'default', r.pod.metadata.name, r.container, o.previous);
  if (!src.ok) return src.error;
  return {
    request: r,
    reader: src.instance ? new InstanceLogReader(sim, src.pod, src.container, src.instance) : null,
    containerID: src.instance?.containerID ?? '',
    prefix: o.prefix ? `[pod/${r.pod.metadata.name}/${r.container}] ` : '',
  };
}

/** Applies --limit-bytes to what has been written so far. */
class Limiter {
  #left: number;
  constructor(limit: number) {
    this.#left = limit > 0 ? limit : Number.POSITIVE_INFINITY;
  }
  take(text: string): string {
    if (text.length <= this.#left) {
      this.#left -= text.length;
      return text;
    }
    const part = text.slice(0, this.#left);
    this.#left = 0;
    return part;
  }
}

type Terminated = { containerID?: string; finishedAt?: string };
/** What following reads of a container status. */
type StatusView = { name: string; containerID?: string; state?: { terminated?: Terminated }; lastState?: { terminated?: Terminated } };

/** `logs -f`: new lines as the followed containers write them; done when every followed run has ended. */
class FollowStream implements KubectlStream {
  readonly #sim: Simulation;
  readonly #opened: Opened[];
  readonly #o: Options;
  readonly #limit: Limiter;
  #stopped = false;

  constructor(sim: Simulation, opened: Opened[], o: Options, limit: Limiter) {
    this.#sim = sim;
    this.#opened = opened;
    this.#o = o;
    this.#limit = limit;
  }

  /** Marks runs that ended (terminated, replaced by a restart, or gone with their pod). */
  #refresh(): void {
    const now = this.#sim.now();
    for (const x of this.#opened) {
      if (!x.reader || x.reader.end !== undefined) continue;
      const pod = this.#sim.api.get<Pod>('Pod', x.request.pod.metadata.namespace, x.request.pod.metadata.name);
      const st = pod?.status as { containerStatuses?: StatusView[]; initContainerStatuses?: StatusView[] } | undefined;
      const cs = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((c) => c.name === x.request.container);
      const ended = [cs?.state?.terminated, cs?.lastState?.terminated].find((t) => t?.containerID === x.containerID && t?.finishedAt);
      if (ended) x.reader.finish(Date.parse(ended.finishedAt!));
      else if (!pod || !cs || (cs.containerID && cs.containerID !== x.containerID)) x.reader.finish(now);
    }
  }

  poll(): string {
    if (this.#stopped) return '';
    this.#refresh();
    const now = this.#sim.now();
    const all: { line: LogLine; prefix: string; order: number }[] = [];
    this.#opened.forEach((x, order) => {
      for (const line of x.reader?.upTo(now) ?? []) all.push({ line, prefix: x.prefix, order });
    });
    all.sort((a, b) => a.line.atMs - b.line.atMs || a.order - b.order);
    return this.#limit.take(all.map((a) => formatLines([a.line], this.#o, a.prefix)).join(''));
  }

  done(): boolean {
    this.#refresh();
    return this.#stopped || this.#opened.every((x) => !x.reader || x.reader.end !== undefined);
  }

  exitCode(): number {
    return 0;
  }

  stop(): void {
    this.#stopped = true;
  }
}

/** Reads the requests one after another (kubectl's sequentialConsumeRequest), or starts following them. */
function consume(sim: Simulation, requests: Request[], o: Options, sinceAbs: number | null, stderrBefore: string): KubectlResult {
  if (o.follow && requests.length > 1 && requests.length > o.maxRequests) {
    return fail(`${stderrBefore}error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${o.maxRequests}, use --max-log-requests to increase the limit`);
  }
  const limit = new Limiter(o.limitBytes);
  let stdout = '';
  let stderr = stderrBefore;
  const opened: Opened[] = [];
  for (const r of requests) {
    const x = open(sim, r, o);
    if (typeof x === 'string') {
      if (!o.ignoreErrors) return { exitCode: 1, stdout, stderr: `${stderr}${x.startsWith('Error from server') ? x : `error: ${x}`}\n` };
      stdout += `error: ${x}\n`;
      continue;
    }
    const lines = selectLines(x.reader?.upTo(sim.now()) ?? [], o, sinceAbs);
    stdout += limit.take(formatLines(lines, o, x.prefix));
    opened.push(x);
  }
  if (!o.follow) return { exitCode: 0, stdout, stderr };
  const stream = new FollowStream(sim, opened, o, limit);
  return { exitCode: 0, stdout, stderr, stream };
}

/** `logs TYPE/NAME` with no pod yet: GetPodList watches for a first pod until --pod-running-timeout. */
class WaitForPodStream implements KubectlStream {
  readonly #sim: Simulation;
  readonly #deadline: number;
  readonly #find: () => KubectlResult | null;
  #inner: KubectlStream | null = null;
  #out = '';
  #err = '';
  #done = false;
  #code = 0;

  constructor(sim: Simulation, timeoutMs: number, find: () => KubectlResult | null) {
    this.#sim = sim;
    this.#deadline = sim.now() + timeoutMs;
    this.#find = find;
  }

  #step(): void {
    if (this.#done || this.#inner) return;
    const r = this.#find();
    if (r) {
      this.#out += r.stdout;
      this.#err += r.stderr;
      if (r.stream) this.#inner = r.stream;
      else {
        this.#done = true;
        this.#code = r.exitCode;
      }
    } else if (this.#sim.now() >= this.#deadline) {
      this.#err += 'error: timed out waiting for the condition\n';
      this.#done = true;
      this.#code = 1;
    }
  }

  poll(): string {
    this.#step();
    const out = this.#out + (this.#inner?.poll() ?? '');
    this.#out = '';
    return out;
  }

  pollStderr(): string {
    const err = this.#err + (this.#inner?.pollStderr?.() ?? '');
    this.#err = '';
    return err;
  }

  done(): boolean {
    this.#step();
    return this.#inner ? this.#inner.done() : this.#done;
  }

  exitCode(): number {
    return this.#inner ? this.#inner.exitCode() : this.#code;
  }

  stop(): void {
    this.#done = true;
    this.#inner?.stop();
  }
}

// ---- the command -------------------------------------------------------------------------------------------

/** Runs `kubectl logs <args>` (the words after `logs`). */
export function logs(sim: Simulation, args: string[]): KubectlResult {
  const flags = parseFlags(args, FLAGS, 'logs');
  if (isResult(flags)) return flags;
  const v = flags.values;
  for (const name of ['follow', 'previous', 'timestamps', 'all-containers', 'all-pods', 'prefix', 'ignore-errors', 'insecure-skip-tls-verify-backend']) {
    const x = v.get(name);
    if (x !== undefined && !TRUE.includes(x) && !FALSE.includes(x)) return flagError(`invalid argument "${x}" for "--${name}" flag: strconv.ParseBool: parsing "${x}": invalid syntax`);
  }
  const ints: Record<string, number> = {};
  for (const name of ['tail', 'limit-bytes', 'max-log-requests']) {
    const x = v.get(name);
    if (x === undefined) continue;
    if (!/^[+-]?\d+$/.test(x)) return flagError(`invalid argument "${x}" for "--${name}" flag: strconv.ParseInt: parsing "${x}": invalid syntax`);
    ints[name] = Number(x);
  }
  const durations: Record<string, number> = {};
  for (const name of ['since', 'pod-running-timeout']) {
    const x = v.get(name);
    if (x === undefined) continue;
    const d = parseGoDuration(x);
    if (!d.ok) return flagError(`invalid argument "${x}" for "--${name}" flag: time: invalid duration ${JSON.stringify(x)}`);
    durations[name] = Number(d.nanoseconds / 1_000_000n);
  }
  const bool = (name: string) => TRUE.includes(v.get(name) ?? '');
  const selector = v.get('selector') ?? '';
  const o: Options = {
    namespace: flags.namespace,
    container: v.get('container') ?? '',
    follow: bool('follow'),
    previous: bool('previous'),
    timestamps: bool('timestamps'),
    prefix: bool('prefix') || bool('all-pods'),
    allContainers: bool('all-containers'),
    allPods: bool('all-pods'),
    ignoreErrors: bool('ignore-errors'),
    tail: ints.tail ?? null,
    sinceMs: durations.since !== undefined ? Math.round(durations.since / 1000) * 1000 : null,
    limitBytes: ints['limit-bytes'] ?? 0,
    maxRequests: ints['max-log-requests'] ?? 5,
    podRunningTimeoutMs: durations['pod-running-timeout'] ?? POD_RUNNING_TIMEOUT_MS,
  };

  // Complete: arguments, the container argument, --since-time, then the object.
  const positional = flags.positional;
  if (positional.length === 0 && selector === '') return fail(USAGE_ERROR);
  if (positional.length === 1 && selector !== '') return fail("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  if (positional.length > 2) return fail(USAGE_ERROR);
  const inlineContainer = positional.length === 2;
  if (inlineContainer) o.container = positional[1]!;
  let sinceTime: number | null = null;
  const sinceTimeArg = v.get('since-time');
  if (sinceTimeArg) {
    const t = parseRFC3339(sinceTimeArg);
    if (typeof t === 'string') return fail(t);
    sinceTime = t;
  }
  if (selector !== '' && o.tail === null) o.tail = SELECTOR_TAIL;

  // The object: pods by selector, a pod by name, or TYPE/NAME.
  let target: KubeObject | Pod[];
  if (selector !== '') {
    const s = parseSelector(selector);
    if (!s.ok) return fail(`error: ${s.error}`);
    target = sim.api.list<Pod>('Pod', { namespace: o.namespace, selector: s.selector });
  } else {
    const arg = positional[0]!;
    const slash = arg.indexOf('/');
    const type = slash < 0 ? 'pods' : arg.slice(0, slash);
    const name = slash < 0 ? arg : arg.slice(slash + 1);
    const resource = apiResourceFor(type);
    if (!resource) return fail(`error: the server doesn't have a resource type "${type}"`);
    const kind = simulatedKind(resource);
    const qualified = resource.group ? `${resource.name}.${resource.group}` : resource.name;
    if (kind && kind.source === 'crd') return fail(`error: no kind "${kind.kind}" is registered for version "${kind.apiVersion}" in scheme "pkg/scheme/scheme.go:28"`);
    const obj = kind ? sim.api.get(kind.kind, kind.namespaced ? o.namespace : undefined, name) : undefined;
    if (!obj) return fail(`error: error from server (NotFound): ${qualified} "${name}" not found in namespace "${o.namespace}"`);
    target = obj;
  }
  let stderr = '';
  if (Array.isArray(target) && target.length === 0) stderr += `No resources found in ${o.namespace} namespace.\n`;

  // Validate.
  if (sinceTime !== null && o.sinceMs !== null) return fail(`${stderr}error: at most one of \`sinceTime\` or \`sinceSeconds\` may be specified`);
  if (o.allContainers && o.container !== '') return fail(`${stderr}error: --all-containers=true should not be specified with container name ${o.container}`);
  if (v.has('container') && inlineContainer) return fail(`${stderr}error: only one of -c or an inline [CONTAINER] arg is allowed`);
  if (o.limitBytes < 0) return fail(`${stderr}error: --limit-bytes must be greater than 0`);
  if (o.sinceMs !== null && o.sinceMs < 0) return fail(`${stderr}error: --since must be greater than 0`);
  if (o.tail !== null && o.tail < -1) return fail(`${stderr}error: --tail must be greater than or equal to -1`);

  const sinceAbs = sinceTime ?? (o.sinceMs !== null ? sim.now() - o.sinceMs : null);
  const run = (pods: Pod[], allPods: boolean, before: string): KubectlResult => {
    const notes: string[] = [];
    const requests: Request[] = [];
    for (const pod of pods) {
      const r = podRequests(pod, o, allPods, notes);
      if (typeof r === 'string') return fail(`${before}${notes.join('')}${r}`);
      requests.push(...r);
    }
    return consume(sim, requests, o, sinceAbs, before + notes.join(''));
  };
  if (Array.isArray(target)) return run(target, false, stderr);
  if (target.kind === 'Pod') return run([target as Pod], false, stderr);

  const sel = selectorOf(target);
  if (typeof sel === 'string') return fail(sel);
  const ns = target.metadata.namespace ?? o.namespace;
  const pick = (): KubectlResult | null => {
    const pods = goSort(sim.api.list<Pod>('Pod', { namespace: ns, selector: sel }), byLogging);
    if (pods.length === 0) return null;
    if (o.allPods) return run(pods, true, '');
    const note = pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n` : '';
    return run([pods[0]!], false, note);
  };
  const now = pick();
  if (now) return now;
  const stream = new WaitForPodStream(sim, o.podRunningTimeoutMs, pick);
  return { exitCode: 0, stdout: '', stderr: '', stream };
}
