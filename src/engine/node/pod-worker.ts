// The kubelet's work for one pod (its pod worker): sandbox, init containers one at a time, regular containers,
// image pulls, restarts with back-off, probes (probes.ts) and the kills of failed ones, readiness, graceful
// termination, and the status it reports.
// Every step is a task on the virtual clock; every step that changes something writes the status (only
// when it differs from the stored one) and records the kubelet's events (reference §1.2–§1.7, §1.9).
import type { Pod, PodStatus } from '../api/kinds.ts';
import { deepEqual, shareUnchanged } from '../api/objects.ts';
import { timestamp as rfc3339 } from './time.ts';
import type { ControllerContext } from '../controllers/runtime.ts';
import { computeQOSClass } from '../defaults/pod.ts';
import { LATENCY } from '../sim/latencies.ts';
import type { Backoff } from './backoff.ts';
import { containerBehaviour, SIGTERM_EXIT_MS, type AttemptCounter } from './container-behaviour.ts';
import { ContainerRun } from './container-run.ts';
import { formatGoDuration } from './go-duration-string.ts';
import { imageID, imageSizeBytes, pullErrorMessage, runtimeImageName } from './images.ts';
import { kubeletConditions, mergeConditions } from './pod-conditions.ts';
import { getPhase } from './pod-phase.ts';
import { containerProbeOutcomes, type ProbeOutcomes } from './probe-outcome.ts';
import { ContainerProber, type ProbeHost, type ProbeKind } from './probes.ts';
import { TaskIds } from './task-ids.ts';
import type { TaskId } from '../clock/virtual-clock.ts';

/** After a container exits into back-off, the kubelet's next sync (≈1 s later here) reports CrashLoopBackOff. */
export const CRASHLOOP_STATUS_DELAY_MS = 1_000;
/** After ErrImagePull, the next sync reports ImagePullBackOff. */
export const IMAGE_BACKOFF_STATUS_DELAY_MS = 1_000;
/** A finished pod's sandbox is stopped shortly after its terminal status (PodReadyToStartContainers → False). */
export const SANDBOX_TEARDOWN_MS = 500;
/** A failing pull gives up after about this long (the registry answers "not found"). */
export const FAILED_PULL_MS = 400;
/** killContainer always grants at least this grace period (minimumGracePeriodInSeconds). */
export const MIN_KILL_GRACE_S = 2;

/** What a pod worker needs from its node's kubelet. */
export interface NodeRuntime {
  readonly ctx: ControllerContext;
  readonly nodeName: string;
  readonly up: boolean;
  readonly crashBackoff: Backoff;
  readonly imageBackoff: Backoff;
  readonly attempts: AttemptCounter;
  hostIP(): string;
  allocateIP(): string;
  releaseIP(ip: string): void;
  imagePresent(image: string): boolean;
  /** Pulls through the node's serialized image puller; calls back with the pull and the total (with queueing) time. */
  pull(image: string, fails: boolean, size: number, done: (r: { ok: boolean; pullMs: number; totalMs: number }) => void): void;
  workerDone(uid: string): void;
}

export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  #rt: NodeRuntime;
  #pod: Pod;
  #inits: ContainerRun[];
  #regulars: ContainerRun[];
  #sandbox: 'none' | 'creating' | 'ready' | 'gone' = 'none';
  #podIP?: string;
  #startTime?: string;
  #hasInitialized = false;
  /** The regular container in its first start (the kubelet starts them one after another). */
  #starting: ContainerRun | null = null;
  #terminating = false;
  #deadline = 0;
  #finished = false;
  #destroyed = false;
  #tasks = new TaskIds();
  /** The prober of each container that has probes; null when none has (most pods: nothing to keep). */
  #probers: Map<ContainerRun, ContainerProber> | null = null;
  #outcomes: Map<string, ProbeOutcomes> | null = null;

  constructor(rt: NodeRuntime, pod: Pod) {
    this.#rt = rt;
    this.#pod = pod;
    this.uid = pod.metadata.uid;
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name;
    this.#inits = (pod.spec?.initContainers ?? []).map((c) => {
      const kind = c.restartPolicy === 'Always' ? 'sidecar' : 'init';
      return new ContainerRun(c, kind, containerBehaviour(pod, c, kind));
    });
    this.#regulars = (pod.spec?.containers ?? []).map((c) => new ContainerRun(c, 'regular', containerBehaviour(pod, c, 'regular')));
    for (const c of [...this.#inits, ...this.#regulars]) {
      if (c.kind === 'init') continue; // validation allows probes only on regular containers and sidecars
      const { startupProbe: startup, livenessProbe: liveness, readinessProbe: readiness } = c.spec;
      if (startup || liveness || readiness) (this.#probers ??= new Map()).set(c, new ContainerProber(this.#probeHost(c), { startup, liveness, readiness }));
    }
  }

  get pod(): Pod {
    return this.#pod;
  }

  get terminating(): boolean {
    return this.#terminating;
  }

  /** The latest version of the pod seen through the watch. */
  observe(pod: Pod): void {
    this.#pod = pod;
    if (pod.metadata.deletionTimestamp && !this.#terminating) this.#later(0, 'terminate', () => this.beginTermination());
  }

  // ---- clock helpers --------------------------------------------------------------------------------------

  #now(): number {
    return this.#rt.ctx.clock.now();
  }

  #later(ms: number, label: string, fn: () => void, c?: ContainerRun): TaskId {
    const id = this.#rt.ctx.clock.after(ms, `kubelet ${this.#rt.nodeName} ${this.namespace}/${this.name} ${label}`, () => {
      this.#tasks.delete(id);
      c?.tasks.delete(id);
      if (!this.#destroyed) fn();
    });
    this.#tasks.add(id);
    c?.tasks.add(id);
    return id;
  }

  /** Cancels one pending task of `c` (a no-op once it ran or was cancelled). */
  #unschedule(c: ContainerRun, id: TaskId): void {
    if (!c.tasks.has(id)) return;
    this.#rt.ctx.clock.cancel(id);
    c.tasks.delete(id);
    this.#tasks.delete(id);
  }

  #cancel(c: ContainerRun): void {
    c.tasks.drain((id) => {
      this.#rt.ctx.clock.cancel(id);
      this.#tasks.delete(id);
    });
  }

  #event(type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRun): void {
    if (!this.#rt.up) return;
    this.#rt.ctx.events.record(this.#pod, type, reason, message, 'kubelet', { host: this.#rt.nodeName, ...(c ? { fieldPath: c.fieldPath } : {}) });
  }

  /** format.Pod: `name_namespace(uid)`. */
  #podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------

  /** The kubelet admits the pod: first status, then the sandbox. */
  start(): void {
    this.#startTime = rfc3339(this.#now());
    // SyncPod adds the pod to the probe manager: the probe workers' tickers start now
    if (this.#probers) for (const p of this.#probers.values()) p.admitted(this.#now());
    this.sync();
    if (this.#pod.metadata.deletionTimestamp) {
      this.beginTermination();
      return;
    }
    this.#sandbox = 'creating';
    this.#later(LATENCY.sandboxCreation, 'sandbox', () => {
      if (this.#terminating) return;
      this.#sandbox = 'ready';
      this.#podIP = this.#rt.allocateIP();
      this.sync();
      this.#proceed();
    });
  }

  /** computePodActions: the next init container, or the regular containers in order, one start at a time. */
  #proceed(): void {
    if (this.#terminating || this.#finished || this.#sandbox !== 'ready') return;
    for (const c of this.#inits) {
      if (c.kind === 'sidecar') {
        if (c.stage === 'idle') return this.#start(c, true);
        if (!this.#hasInitialized && !(c.running && c.started)) return;
        continue;
      }
      if (c.completed) continue;
      if (c.stage === 'idle') return this.#start(c, true);
      return;
    }
    if (this.#starting) return;
    const next = this.#regulars.find((c) => c.stage === 'idle');
    if (next) this.#start(next, true);
  }

  #start(c: ContainerRun, first: boolean): void {
    if (first && c.kind === 'regular') this.#starting = c;
    c.stage = 'image';
    this.#imageStep(c);
  }

  /** EnsureImageExists (§1.7): cached image, pull, or a failure with back-off. */
  #imageStep(c: ContainerRun): void {
    const image = c.spec.image;
    const runtimeName = runtimeImageName(image);
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
    const fails = c.behaviour.imagePullFails;
    const present = !fails && this.#rt.imagePresent(runtimeName);
    if (policy === 'Never' && !present) {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.#event('Warning', 'ErrImageNeverPull', msg, c);
      this.#event('Warning', 'Failed', 'Error: ErrImageNeverPull', c);
      c.waiting = { reason: 'ErrImageNeverPull', message: msg };
      c.stage = 'blocked';
      this.sync();
      this.#startDone(c);
      return;
    }
    if (policy !== 'Always' && present) {
      this.#event('Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`, c);
      this.#create(c);
      return;
    }
    this.#event('Normal', 'Pulling', `Pulling image "${image}"`, c);
    this.#rt.pull(runtimeName, fails, imageSizeBytes(image), (r) => {
      if (this.#destroyed || this.#terminating) return;
      if (r.ok) {
        this.#event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${formatGoDuration(r.pullMs)} (${formatGoDuration(r.totalMs)} including waiting). Image size: ${imageSizeBytes(image)} bytes.`, c);
        this.#create(c);
        return;
      }
      this.#pullFailed(c);
    });
  }

  #pullFailed(c: ContainerRun): void {
    const image = c.spec.image;
    const err = pullErrorMessage(image);
    const key = `${this.uid}_${image}`;
    const now = this.#now();
    this.#event('Warning', 'Failed', `Failed to pull image "${image}": ${err}`, c);
    this.#rt.imageBackoff.next(key, now, now);
    this.#event('Warning', 'Failed', 'Error: ErrImagePull', c);
    c.waiting = { reason: 'ErrImagePull', message: err };
    c.stage = 'backoff';
    this.sync();
    this.#later(IMAGE_BACKOFF_STATUS_DELAY_MS, 'image back-off', () => {
      if (c.waiting?.reason !== 'ErrImagePull') return;
      this.#event('Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
      this.#event('Warning', 'Failed', 'Error: ImagePullBackOff', c);
      c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${err}` };
      this.sync();
    }, c);
    this.#later(this.#rt.imageBackoff.get(key), 'pull retry', () => {
      c.stage = 'image';
      this.#imageStep(c);
    }, c);
    this.#startDone(c);
  }

  /** Create + start after the image is present (LATENCY.containerStart), events Created and Started (1.35 wording). */
  #create(c: ContainerRun): void {
    c.stage = 'creating';
    this.#later(LATENCY.containerStart, 'start container', () => this.#run(c), c);
  }

  #run(c: ContainerRun): void {
    const now = this.#now();
    const hex = this.#rt.ctx.random.hexWords(8);
    if (c.current) c.previous = c.current;
    c.current = { containerID: ['containerd://', hex].join(''), image: runtimeImageName(c.spec.image), imageID: imageID(c.spec.image), startedAt: now };
    c.instances++;
    c.waiting = undefined;
    c.stage = 'running';
    c.stopping = false;
    this.#event('Normal', 'Created', 'Container created', c);
    this.#event('Normal', 'Started', 'Container started', c);
    const attempt = c.behaviour.countsAttempts ? this.#rt.attempts.next(this.#pod, c.name) : c.instances - 1;
    const plan = c.behaviour.run(attempt);
    const prober = this.#probers?.get(c);
    // without a startup probe a running container has started; without a readiness probe it is ready once
    // started and serving (ready-after)
    c.started = !prober?.hasStartup;
    c.ready = false;
    this.#refreshReady(c);
    if (c.kind !== 'init' && !prober?.hasReadiness && c.behaviour.servingAfterMs > 0) this.#later(c.behaviour.servingAfterMs, 'ready', () => {
      if (this.#terminating || c.stopping) return;
      this.#refreshReady(c);
      this.sync();
    }, c);
    c.planEnd = plan.durationMs === null ? undefined : now + plan.durationMs;
    c.exitTask = plan.durationMs === null ? undefined : this.#later(plan.durationMs, 'exit', () => this.exit(c, plan.exitCode), c);
    if (c.kind === 'regular') this.#hasInitialized = true;
    prober?.runStarted((kind) => this.#probeOutcomes(c, kind));
    this.sync();
    this.#startDone(c);
    this.#podSync();
  }

  /** Ready without a readiness probe: running, started and serving. */
  #refreshReady(c: ContainerRun): void {
    if (c.kind === 'init' || this.#probers?.get(c)?.hasReadiness) return;
    c.ready = c.running && c.started && !c.stopping && this.#now() >= c.current!.startedAt + c.behaviour.servingAfterMs;
  }

  // ---- probes ---------------------------------------------------------------------------------------------

  #probeHost(c: ContainerRun): ProbeHost {
    return {
      now: () => this.#now(),
      schedule: (ms, label, fn) => this.#later(ms, `${c.name} ${label}`, fn, c),
      unschedule: (id) => this.#unschedule(c, id),
      unhealthy: (message) => this.#event('Warning', 'Unhealthy', message, c),
      started: () => {
        c.started = true;
        this.#refreshReady(c);
        this.sync();
        this.#proceed();
      },
      readiness: (ready) => {
        if (this.#terminating || !c.running || c.stopping) return;
        c.ready = ready;
        this.sync();
      },
      kill: (kind) => this.#probeKill(c, kind),
      podSync: () => this.#podSync(),
    };
  }

  /** What the probe of `kind` returns over a run of `c` (the same for every run). */
  #probeOutcomes(c: ContainerRun, kind: ProbeKind): ProbeOutcomes {
    const key = `${c.name}\u0000${kind}`;
    const outcomes = (this.#outcomes ??= new Map());
    let o = outcomes.get(key);
    if (!o) {
      const probe = kind === 'startup' ? c.spec.startupProbe! : kind === 'liveness' ? c.spec.livenessProbe! : c.spec.readinessProbe!;
      o = containerProbeOutcomes(probe, c.spec, this.#podIP ?? '', c.behaviour.servingAfterMs, c.behaviour.probeFailAfterMs);
      outcomes.set(key, o);
    }
    return o;
  }

  /** The kubelet syncs the pod (a container started or exited, a probe result changed): UpdatePodStatus. */
  #podSync(): void {
    if (this.#terminating || this.#finished || this.#destroyed || !this.#probers) return;
    for (const p of this.#probers.values()) p.podSynced();
  }

  /**
   * computePodActions + killContainer for a failed liveness or startup probe: event Killing with the reason,
   * the container's stop signal, SIGKILL (137) after the grace period (the probe's terminationGracePeriodSeconds
   * if set, else the pod's; at least 2 s). It is started again unless restartPolicy is Never.
   */
  #probeKill(c: ContainerRun, kind: 'startup' | 'liveness'): void {
    if (!c.running || c.stopping || c.killedByProbe || this.#terminating) return;
    const sidecar = c.kind === 'sidecar';
    const restart = sidecar || (this.#pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    const message = sidecar
      ? `Init container ${c.name} failed ${kind} probe`
      : `Container ${c.name} failed ${kind} probe${restart ? ', will be restarted' : ''}`;
    this.#event('Normal', 'Killing', message, c);
    c.killedByProbe = true;
    this.#probers?.get(c)?.killing();
    const probe = kind === 'startup' ? c.spec.startupProbe : c.spec.livenessProbe;
    const probeGrace = probe?.terminationGracePeriodSeconds;
    const graceS =
      this.#pod.metadata.deletionGracePeriodSeconds ??
      (typeof probeGrace === 'number' ? probeGrace : undefined) ??
      this.#pod.spec?.terminationGracePeriodSeconds ??
      30;
    const graceMs = Math.max(MIN_KILL_GRACE_S, graceS) * 1000;
    const now = this.#now();
    const sig = c.behaviour.sigtermExitCode;
    const graceful = sig !== null && SIGTERM_EXIT_MS <= graceMs;
    const at = now + (graceful ? SIGTERM_EXIT_MS : graceMs);
    if (c.planEnd === undefined || c.planEnd > at) {
      if (c.exitTask !== undefined) this.#unschedule(c, c.exitTask);
      const code = graceful ? sig : 137;
      c.exitTask = this.#later(at - now, 'kill', () => this.exit(c, code), c);
    }
    this.#podSync();
  }

  /** The first start of a regular container finished (running or failed): the next one may start. */
  #startDone(c: ContainerRun): void {
    if (this.#starting === c) {
      this.#starting = null;
      this.#proceed();
    } else if (c.kind !== 'regular') this.#proceed();
  }

  /** The current run of `c` ends with `exitCode` (by itself, by a signal, or `lab crash`). */
  exit(c: ContainerRun, exitCode: number, reason?: string): void {
    if (!c.running) return;
    this.#cancel(c);
    this.#probers?.get(c)?.runEnded();
    const killed = c.killedByProbe;
    c.killedByProbe = false;
    c.exitTask = undefined;
    const cur = c.current!;
    cur.finishedAt = this.#now();
    cur.exitCode = exitCode;
    cur.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error');
    c.stage = 'exited';
    c.planEnd = undefined;
    c.started = false;
    // a completed init container reports ready
    c.ready = c.kind === 'init' && exitCode === 0;
    if (this.#terminating || c.stopping) {
      this.sync();
      this.#terminationProgress();
      return;
    }
    const policy = this.#pod.spec?.restartPolicy ?? 'Always';
    // a container killed for a failed probe is started again in the same sync unless the policy is Never
    const restart = killed
      ? c.kind === 'sidecar' || policy !== 'Never'
      : c.kind === 'sidecar' || (c.kind === 'init' ? exitCode !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0));
    this.sync();
    if (restart) {
      this.#restart(c, killed);
      this.#podSync();
      return;
    }
    this.#proceed();
    this.#checkCompletion();
    this.#podSync();
  }

  /**
   * doBackOff (§1.4): restart at once after the first exit, then after 10 s, 20 s, 40 s … 300 s. doBackOff looks
   * at the newest *exited* instance of the runtime's pod status; after a probe kill that status was taken while
   * the killed instance still ran, so the one before it decides (none: no back-off, and no step of it either).
   */
  #restart(c: ContainerRun, afterKill = false): void {
    const key = `${this.uid}/${c.name}`;
    const finished = c.current!.finishedAt!;
    const now = this.#now();
    const bo = this.#rt.crashBackoff;
    const decidingExit = afterKill ? c.previous?.finishedAt : finished;
    if (decidingExit === undefined) {
      this.#start(c, false);
      return;
    }
    if (!bo.isInBackOffSince(key, decidingExit, now)) {
      bo.next(key, decidingExit, now);
      this.#start(c, false);
      return;
    }
    const delay = bo.get(key);
    c.stage = 'backoff';
    this.#later(Math.min(CRASHLOOP_STATUS_DELAY_MS, delay), 'crash back-off status', () => {
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(delay)} restarting failed container=${c.name} pod=${this.#podRef()}` };
      this.#event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.#podRef()}`, c);
      this.sync();
    }, c);
    this.#later(finished + delay - now, 'restart', () => {
      bo.next(key, finished, this.#now());
      this.#start(c, false);
    }, c);
  }

  /** All regular containers are done for good: stop the sidecars, then report the terminal phase. */
  #checkCompletion(): void {
    if (this.#finished || this.#terminating) return;
    const policy = this.#pod.spec?.restartPolicy ?? 'Always';
    const initFailed = policy === 'Never' && this.#inits.some((c) => c.kind === 'init' && c.current?.finishedAt !== undefined && c.current.exitCode !== 0);
    const regularsDone = this.#regulars.every((c) => c.stage === 'exited');
    if (!initFailed && !regularsDone) return;
    if (regularsDone && policy === 'Always') return;
    const sidecars = this.#inits.filter((c) => c.kind === 'sidecar' && c.running);
    if (sidecars.length) {
      if (!sidecars.some((c) => c.stopping)) {
        this.#deadline = this.#now() + (this.#pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
        this.#stopGroup([...sidecars].reverse());
      }
      return;
    }
    this.#finished = true;
    this.sync();
    this.#later(SANDBOX_TEARDOWN_MS, 'sandbox teardown', () => {
      this.#teardownSandbox();
      this.sync();
    });
  }

  #teardownSandbox(): void {
    if (this.#sandbox === 'ready' && this.#podIP) this.#rt.releaseIP(this.#podIP);
    this.#sandbox = 'gone';
  }

  // ---- graceful deletion (§1.9) ---------------------------------------------------------------------------

  /** deletionTimestamp seen: not ready at once, SIGTERM to the containers, SIGKILL at the grace deadline. */
  beginTermination(): void {
    if (this.#terminating || this.#destroyed) return;
    this.#terminating = true;
    const graceS = this.#pod.metadata.deletionGracePeriodSeconds ?? this.#pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.#deadline = this.#now() + graceS * 1000;
    if (this.#probers) for (const p of this.#probers.values()) p.stop();
    for (const c of [...this.#inits, ...this.#regulars]) {
      if (!c.running) this.#cancel(c);
      if (c.kind !== 'init') c.ready = false; // a completed init container stays ready
    }
    const running = [...this.#inits.filter((c) => c.kind === 'init'), ...this.#regulars].filter((c) => c.running);
    this.#stopGroup(running);
    this.sync();
    this.#terminationProgress();
  }

  /** killContainer: event Killing, then the process exits by the SIGTERM rules (container-behaviour.ts rule 9). */
  #stopGroup(list: ContainerRun[]): void {
    const now = this.#now();
    for (const c of list) {
      if (!c.running || c.stopping) continue;
      c.stopping = true;
      c.ready = false;
      this.#probers?.get(c)?.stop();
      // a kill for a failed probe is already under way: the pod worker finishes it before terminating the pod
      if (c.killedByProbe) continue;
      this.#event('Normal', 'Killing', `Stopping container ${c.name}`, c);
      const sig = c.behaviour.sigtermExitCode;
      const graceful = sig !== null && now + SIGTERM_EXIT_MS <= this.#deadline;
      const at = graceful ? now + SIGTERM_EXIT_MS : Math.max(now, this.#deadline);
      const code = graceful ? sig : 137; // SIGKILL at the deadline
      if (c.planEnd !== undefined && c.planEnd <= at) continue; // it ends by itself first
      this.#cancel(c);
      this.#later(at - now, 'stop', () => this.exit(c, code), c);
    }
  }

  #terminationProgress(): void {
    if (!this.#terminating) {
      this.#checkCompletion();
      return;
    }
    const mainRunning = [...this.#inits.filter((c) => c.kind === 'init'), ...this.#regulars].some((c) => c.running);
    if (mainRunning) return;
    const sidecars = this.#inits.filter((c) => c.kind === 'sidecar' && c.running);
    if (sidecars.length) {
      this.#stopGroup([...sidecars].reverse());
      return;
    }
    this.#finishDeletion();
  }

  /** TerminatePod and the final status, then the kubelet's DELETE with grace 0. */
  #finishDeletion(): void {
    const initialized = this.#inits.length === 0 || this.#hasInitialized || this.#inits[this.#inits.length - 1]!.completed;
    for (const c of this.#regulars) if (initialized && c.showsWaiting) c.lost = true;
    for (const c of this.#inits) if (c.showsWaiting && c.instances > 0) c.lost = true;
    this.#teardownSandbox();
    this.sync();
    if (!this.#rt.up) return;
    this.#rt.ctx.api.finishPodDeletion(this.namespace, this.name);
    this.destroy();
  }

  /** The pod is gone from the API (or from this node): stop everything. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#tasks.drain((id) => this.#rt.ctx.clock.cancel(id));
    if (this.#sandbox === 'ready' && this.#podIP) this.#rt.releaseIP(this.#podIP);
    this.#sandbox = 'gone';
    this.#destroyed = true;
    this.#rt.workerDone(this.uid);
  }

  /** The node came back: report what happened meanwhile, and finish a deletion that was waiting. */
  resync(pod: Pod): void {
    this.#pod = pod;
    if (this.#terminating && ![...this.#inits, ...this.#regulars].some((c) => c.running)) {
      this.#finishDeletion();
      return;
    }
    if (pod.metadata.deletionTimestamp && !this.#terminating) {
      this.beginTermination();
      return;
    }
    this.sync();
  }

  // ---- faults ---------------------------------------------------------------------------------------------

  /** `lab crash`: the main container dies with `exitCode`. Returns an error message or null. */
  crash(containerName: string, exitCode: number): string | null {
    const c = this.#regulars.find((x) => x.name === containerName);
    if (!c || !c.running) return `container "${containerName}" in pod "${this.name}" is not running`;
    this.exit(c, exitCode);
    return null;
  }

  // ---- status ---------------------------------------------------------------------------------------------

  /**
   * Writes the pod status when it differs from the stored one (the status manager). The pod seen through the
   * watch is the stored one: every change reaches the kubelet synchronously while its node is connected.
   */
  sync(): void {
    if (this.#destroyed || !this.#rt.up) return;
    const current = this.#pod;
    const status = this.#buildStatus(current);
    if (deepEqual(status, current.status)) return;
    // the status was built for this write: the store may keep it
    const r = this.#rt.ctx.api.updateStatus({ ...current, status }, { handOver: true });
    if (r.ok && r.object.metadata.uid === this.uid) this.#pod = r.object;
  }

  #buildStatus(fresh: Pod): PodStatus {
    const spec = fresh.spec!;
    const defaultWaiting = this.#inits.length ? 'PodInitializing' : 'ContainerCreating';
    const initStatuses = this.#inits.map((c) => c.toStatus(defaultWaiting));
    const containerStatuses = this.#regulars.map((c) => c.toStatus(defaultWaiting));
    const old = fresh.status ?? {};
    let phase = getPhase({
      restartPolicy: spec.restartPolicy,
      initContainers: spec.initContainers,
      containers: spec.containers,
      initContainerStatuses: initStatuses,
      containerStatuses,
      podIsTerminal: this.#terminating,
      podHasInitialized: this.#hasInitialized,
    });
    const anyRunning = this.#inits.some((c) => c.running) || this.#regulars.some((c) => c.running);
    if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase; // terminal phases are sticky
    else if ((phase === 'Succeeded' || phase === 'Failed') && anyRunning) phase = old.phase ?? 'Pending'; // not while a container may run
    const generated = kubeletConditions({
      initContainers: spec.initContainers,
      containers: spec.containers,
      readinessGates: spec.readinessGates as { conditionType: string }[] | undefined,
      initContainerStatuses: initStatuses,
      containerStatuses,
      phase,
      sandboxReady: this.#sandbox === 'ready',
      existing: old.conditions,
    });
    const generation = fresh.metadata.generation;
    const status: PodStatus = {};
    if (generation !== undefined) status.observedGeneration = generation;
    status.phase = phase;
    // unchanged parts are the stored status's own (shareUnchanged): the same JSON, less to copy and compare
    status.conditions = shareUnchanged(old.conditions, mergeConditions(old.conditions, generated, rfc3339(this.#now()), generation));
    if (old.message) status.message = old.message;
    if (old.reason) status.reason = old.reason;
    if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
    const hostIP = this.#rt.hostIP();
    status.hostIP = hostIP;
    status.hostIPs = shareUnchanged(old.hostIPs, [{ ip: hostIP }]);
    const podIP = this.#podIP ?? old.podIP;
    if (podIP) {
      status.podIP = podIP;
      status.podIPs = shareUnchanged(old.podIPs, [{ ip: podIP }]);
    }
    status.startTime = this.#startTime ?? old.startTime ?? rfc3339(this.#now());
    if (this.#inits.length) status.initContainerStatuses = shareUnchanged(old.initContainerStatuses, initStatuses);
    status.containerStatuses = shareUnchanged(old.containerStatuses, containerStatuses);
    status.qosClass = old.qosClass ?? computeQOSClass(spec as unknown as Record<string, unknown>);
    return status;
  }

  // ---- lookups for the kubelet ----------------------------------------------------------------------------

  container(name: string): ContainerRun | undefined {
    return [...this.#inits, ...this.#regulars].find((c) => c.name === name);
  }

  get finished(): boolean {
    return this.#finished;
  }
}
