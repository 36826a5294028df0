// How each run of a simulated container behaves: how long it lasts (or that it runs until stopped), its exit
// code, when it becomes ready, whether its image can be pulled and how it reacts to SIGTERM. Real clusters
// run real programs; the simulator reads the intent from the `sim.workload-lab.dev/*` annotations
// (notes/cli.md "Container behaviour") and otherwise from the command line and the image.
//
// Rules, in order (each has a test in tests/unit/node/container-behaviour.test.ts):
//  1. Annotations apply to the pod's main container only: the one named by `kubectl.kubernetes.io/default-container`,
//     else `tensorflow` / `pytorch` in a Kubeflow replica pod, else the first container.
//  2. `sim.workload-lab.dev/duration`: a Go duration (`90s`, `2m30s`) or `forever`; per-index form
//     `0=10s,3=1m,*=30s`. The index is the pod's `batch.kubernetes.io/job-completion-index` annotation (or label;
//     JOB_COMPLETION_INDEX comes from it), else the Kubeflow `training.kubeflow.org/replica-index` label; a
//     pod without an index uses `*`. A value that does not parse, or an index with no entry and no `*`, is ignored.
//  3. `sim.workload-lab.dev/exit-code`: the code a run ends with (default: from the command, else 0); per-index form
//     `1=42,*=0`.
//  4. `sim.workload-lab.dev/fail-attempts: N`: runs 0 … N−1 (counted by an AttemptCounter, see below) end with
//     the exit code, or 1 when that is 0; later runs end with 0.
//  5. `sim.workload-lab.dev/ready-after`: time from container start until the process serves (default 0): a
//     container without a readinessProbe is Ready then (once started); httpGet / tcpSocket / grpc probes and
//     exec probes that test no file succeed from then on. The kubelet's prober (probes.ts, probe-outcome.ts)
//     runs startup, liveness and readiness probes on their periods and thresholds; exec probes that test a
//     file (`cat /tmp/healthy`) follow the files the container's shell script creates and removes.
//     `sim.workload-lab.dev/probe-fail-after: 45s` (a Go duration; applies to every container of the pod) makes
//     every probe fail from that long after the container started: liveness kills and restarts it, readiness
//     makes the pod not ready. `startedAfterMs` / `readyAfterMs` below predict the first start / ready time
//     when every probe passes (they ignore that the kubelet's probe ticker is not aligned with the container).
//  6. `sim.workload-lab.dev/image-pull: fail`: every pull of the main container's image fails.
//  7. Without annotations, a recognised command decides (command.ts: `sleep N`, `exit N`, `true`, `false`,
//     `echo …`, `sh -c "…; exit N"`, `while true` loops, `tail -f`, the pi Job's `perl … bpi(2000)` ≈ 5 s).
//  8. Otherwise the image: servers (nginx, httpd, redis …) run until stopped; shell/base images (busybox,
//     alpine, ubuntu, python …) run their default shell, read EOF and exit 0 at once (the classic CrashLoopBackOff
//     of a Deployment running plain busybox); Kubeflow training images run 2 min and exit 0; any other image
//     runs until stopped in a `restartPolicy: Always` pod or as a sidecar, 30 s (exit 0) in a batch pod and 2 s
//     as an init container.
//  9. SIGTERM (graceful deletion, §1.9): a shell, `sleep` or `tail` running as PID 1 without a `trap` ignores it
//     and is SIGKILLed at the end of the grace period (exit 137); a `trap … TERM` exits with the trap's
//     `exit N` (0 without one); servers that stop gracefully on their image's stop signal (nginx, httpd,
//     redis, postgres …) exit 0, and every other program exits 143 (128+SIGTERM), SIGTERM_EXIT_MS after the signal.
import type { Container, Pod, Probe } from '../api/kinds.ts';
import { parseGoDuration } from '../cron/go-duration.ts';
import { analyseArgv, IMMEDIATE_RUN_MS, type CommandPlan } from './command.ts';
import { exitsZeroOnStop, isServerImage, isShellImage, isTrainingImage } from './images.ts';

export const ANNOTATION = {
  duration: 'sim.workload-lab.dev/duration',
  exitCode: 'sim.workload-lab.dev/exit-code',
  failAttempts: 'sim.workload-lab.dev/fail-attempts',
  readyAfter: 'sim.workload-lab.dev/ready-after',
  imagePull: 'sim.workload-lab.dev/image-pull',
  probeFailAfter: 'sim.workload-lab.dev/probe-fail-after',
} as const;

export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
export const REPLICA_INDEX_LABEL = 'training.kubeflow.org/replica-index';
export const REPLICA_TYPE_LABEL = 'training.kubeflow.org/replica-type';
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** A process that handles SIGTERM needs a moment to shut down. */
export const SIGTERM_EXIT_MS = 500;
/** Unknown image, batch pod (restartPolicy Never/OnFailure): the work takes this long. */
export const UNKNOWN_BATCH_RUN_MS = 30_000;
/** Kubeflow training example images (mnist …). */
export const TRAINING_RUN_MS = 120_000;
/** Unknown image as an init container. */
export const UNKNOWN_INIT_RUN_MS = 2_000;

export type ContainerKind = 'init' | 'sidecar' | 'regular';

export interface RunPlan {
  /** ms the run lasts; null: until stopped. */
  durationMs: number | null;
  exitCode: number;
}

export interface ContainerBehaviour {
  /** The plan of the run with this number (0-based, as claimed from the AttemptCounter). */
  run(attempt: number): RunPlan;
  /** Whether `run` depends on the attempt number (fail-attempts set): only then is a run number claimed. */
  countsAttempts: boolean;
  /** From container start until `started` (startup probe passed). */
  startedAfterMs: number;
  /** From container start until ready. */
  readyAfterMs: number;
  /** From container start until the process serves (the ready-after annotation of the main container, else 0). */
  servingAfterMs: number;
  /** From container start until every probe fails (the probe-fail-after annotation), null: never. */
  probeFailAfterMs: number | null;
  imagePullFails: boolean;
  /** SIGTERM: the exit code after SIGTERM_EXIT_MS, or null when the process ignores it (SIGKILL, 137, at the deadline). */
  sigtermExitCode: number | null;
}

/**
 * Counts runs for `fail-attempts`. Per cli.md the count is per completion index for Indexed Jobs, per replica
 * index for TFJob/PyTorchJob, across all pods of a non-indexed Job and per pod otherwise; the kubelet is given
 * a counter (per pod by default) so that the Job and Kubeflow controllers can share one across pods.
 */
export interface AttemptCounter {
  /** Claims the next run number (0-based) for this container of this pod. */
  next(pod: Pod, container: string): number;
}

/** A counter keyed by `scopeOf(pod)` and the container name. */
export function scopedAttempts(scopeOf: (pod: Pod) => string): AttemptCounter {
  const counts = new Map<string, number>();
  return {
    next(pod, container) {
      const key = `${scopeOf(pod)}\u0000${container}`;
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      return n;
    },
  };
}

/** The default: each pod counts its own runs. */
export function perPodAttempts(): AttemptCounter {
  return scopedAttempts((pod) => `Pod/${pod.metadata.uid}`);
}

/** cli.md's scopes, read from the pod alone: Job (per index when Indexed), Kubeflow replica, else the pod. */
export function workloadAttemptScope(pod: Pod): string {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  const index = podIndex(pod);
  if (owner && (owner.kind === 'TFJob' || owner.kind === 'PyTorchJob')) {
    return `${owner.kind}/${owner.uid}/${pod.metadata.labels?.[REPLICA_TYPE_LABEL] ?? ''}/${index ?? ''}`;
  }
  if (owner && owner.kind === 'Job') return index === null ? `Job/${owner.uid}` : `Job/${owner.uid}/${index}`;
  return `Pod/${pod.metadata.uid}`;
}

/** The completion index (Indexed Job) or Kubeflow replica index of a pod, if any. */
export function podIndex(pod: Pod): number | null {
  const raw =
    pod.metadata.annotations?.[COMPLETION_INDEX_KEY] ??
    pod.metadata.labels?.[COMPLETION_INDEX_KEY] ??
    pod.metadata.labels?.[REPLICA_INDEX_LABEL];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** The container the annotations and `lab crash` act on. */
export function mainContainerName(pod: Pod): string {
  const containers = pod.spec?.containers ?? [];
  const named = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (named && containers.some((c) => c.name === named)) return named;
  if (pod.metadata.labels?.[REPLICA_TYPE_LABEL] !== undefined) {
    const kf = containers.find((c) => c.name === 'tensorflow' || c.name === 'pytorch');
    if (kf) return kf.name;
  }
  return containers[0]?.name ?? '';
}

/** A per-index annotation value (`0=10s,3=1m,*=30s`) for `index`, or the plain value. */
export function indexedValue(value: string | undefined, index: number | null): string | undefined {
  if (value === undefined) return undefined;
  if (!value.includes('=')) return value.trim();
  let fallback: string | undefined;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === '*') fallback = v;
    else if (index !== null && /^\d+$/.test(key) && Number(key) === index) return v;
  }
  return fallback;
}

/** `forever` → null, a Go duration → ms, anything else → undefined (ignored). */
export function parseDurationValue(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'forever') return null;
  const d = parseGoDuration(v);
  if (!d.ok || d.nanoseconds < 0n) return undefined;
  return Number(d.nanoseconds / 1_000_000n);
}

function parseExitCode(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v) & 255;
}

/** Probe timing (§1.1 defaults): the first tick at or after initialDelaySeconds, then successThreshold−1 more periods. */
export function probePassAfterMs(probe: Probe | undefined): number {
  if (!probe) return 0;
  const period = (probe.periodSeconds || 10) * 1000;
  const delay = (probe.initialDelaySeconds ?? 0) * 1000;
  const first = Math.ceil(delay / period) * period;
  return first + ((probe.successThreshold || 1) - 1) * period;
}

interface BasePlan {
  durationMs: number | null;
  exitCode: number;
  sigtermExitCode: number | null;
}

// analyseArgv is pure and every pod of a Job or ReplicaSet has the same command line: plans are remembered.
const analysed = new Map<string, CommandPlan | null>();
const MAX_ANALYSED = 1000;

function analysedCommand(argv: string[]): CommandPlan | null {
  const key = JSON.stringify(argv);
  let plan = analysed.get(key);
  if (plan === undefined) {
    plan = analyseArgv(argv);
    if (analysed.size >= MAX_ANALYSED) analysed.clear();
    analysed.set(key, plan);
  }
  return plan;
}

/** Rules 7–9: the command line, else the image. */
function basePlan(pod: Pod, c: Container, kind: ContainerKind): BasePlan {
  const argv = c.command ? [...c.command, ...(c.args ?? [])] : [...(c.args ?? [])];
  const imageSigterm = exitsZeroOnStop(c.image) ? 0 : 143;
  const cmd = analysedCommand(argv);
  if (cmd) {
    const sig = cmd.sigterm === 'ignore' ? null : cmd.sigterm === 'default' ? imageSigterm : cmd.sigterm;
    return { durationMs: cmd.durationMs, exitCode: cmd.exitCode, sigtermExitCode: sig };
  }
  if (isServerImage(c.image)) return { durationMs: null, exitCode: 0, sigtermExitCode: imageSigterm };
  if (argv.length === 0 && isShellImage(c.image)) return { durationMs: IMMEDIATE_RUN_MS, exitCode: 0, sigtermExitCode: null };
  const batch = (pod.spec?.restartPolicy ?? 'Always') !== 'Always';
  if (kind === 'sidecar') return { durationMs: null, exitCode: 0, sigtermExitCode: 143 };
  if (kind === 'init') return { durationMs: UNKNOWN_INIT_RUN_MS, exitCode: 0, sigtermExitCode: 143 };
  if (batch && isTrainingImage(c.image)) return { durationMs: TRAINING_RUN_MS, exitCode: 0, sigtermExitCode: 143 };
  return { durationMs: batch ? UNKNOWN_BATCH_RUN_MS : null, exitCode: 0, sigtermExitCode: 143 };
}

/** The behaviour of container `c` of `pod`. */
export function containerBehaviour(pod: Pod, c: Container, kind: ContainerKind): ContainerBehaviour {
  const base = basePlan(pod, c, kind);
  const startedAfterMs = probePassAfterMs(c.startupProbe);
  let readyAfterMs = Math.max(startedAfterMs, c.readinessProbe ? startedAfterMs + probePassAfterMs(c.readinessProbe) : 0);
  const isMain = kind === 'regular' && c.name === mainContainerName(pod);
  const ann = pod.metadata.annotations ?? {};
  const probeFailAfterMs = parseDurationValue(ann[ANNOTATION.probeFailAfter]?.trim()) ?? null;
  if (!isMain) {
    return {
      run: () => ({ durationMs: base.durationMs, exitCode: base.exitCode }),
      countsAttempts: false,
      startedAfterMs,
      readyAfterMs,
      servingAfterMs: 0,
      probeFailAfterMs,
      imagePullFails: false,
      sigtermExitCode: base.sigtermExitCode,
    };
  }
  const index = podIndex(pod);
  const duration = parseDurationValue(indexedValue(ann[ANNOTATION.duration], index));
  const exitCode = parseExitCode(indexedValue(ann[ANNOTATION.exitCode], index));
  const failAttemptsRaw = ann[ANNOTATION.failAttempts]?.trim();
  const failAttempts = failAttemptsRaw !== undefined && /^\d+$/.test(failAttemptsRaw) ? Number(failAttemptsRaw) : undefined;
  const readyAfter = parseDurationValue(ann[ANNOTATION.readyAfter]?.trim());
  const servingAfterMs = typeof readyAfter === 'number' ? readyAfter : 0;
  if (typeof readyAfter === 'number') readyAfterMs = Math.max(startedAfterMs, readyAfter);
  const durationMs = duration !== undefined ? duration : base.durationMs;
  const code = exitCode ?? base.exitCode;
  return {
    run(attempt) {
      if (failAttempts === undefined) return { durationMs, exitCode: code };
      return { durationMs, exitCode: attempt < failAttempts ? code || 1 : 0 };
    },
    countsAttempts: failAttempts !== undefined,
    startedAfterMs,
    readyAfterMs,
    servingAfterMs,
    probeFailAfterMs,
    imagePullFails: ann[ANNOTATION.imagePull]?.trim() === 'fail',
    sigtermExitCode: base.sigtermExitCode,
  };
}
