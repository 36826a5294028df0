// The kubelet's prober for one container (pkg/kubelet/prober: prober_manager.go, worker.go), reference §1.3–§1.5,
// §1.7. One worker per configured probe (startup, liveness, readiness) lives as long as the pod; it ticks every
// periodSeconds from when the kubelet added the pod (the ticker is not tied to the container), skips ticks
// before initialDelaySeconds of the current container run and, except for the startup probe, until the
// container has started. successThreshold / failureThreshold consecutive results change the result the
// kubelet acts on:
//  * startup Success: the container is `started` (then the startup worker rests until a new container);
//    startup Failure: the container is killed (`Container <c> failed startup probe, will be restarted`);
//  * liveness Failure: the container is killed, and the worker rests until the new container;
//  * readiness: the container's `ready`.
// Each failed probe records Warning `Unhealthy` / `<Kind> probe failed: <output>`. Whenever the kubelet syncs the
// pod while a started container is not ready, it runs the readiness probe at once and restarts its ticker
// there (UpdatePodStatus's manual trigger, #97126 / #119089). Results carry the worker's run of equal results
// across container restarts, as upstream does.
//
// Time: a worker schedules a clock task only for the next tick whose probe is observable — a failure (it
// records an event) or the success that changes the result. Ticks that would only repeat a success are
// skipped by asking the outcomes when they next change (probe-outcome.ts), so a healthy pod leaves nothing on
// the clock. Not modelled: the random start delay of workers on a kubelet that has just started, probe
// durations (a gRPC dial timeout, slow exec commands), the pod's periodic resync.
import type { TaskId } from '../clock/virtual-clock.ts';
import type { Probe } from '../api/kinds.ts';
import type { ProbeOutcomes } from './probe-outcome.ts';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

const KIND_LABEL: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

/** Probe settings with the API defaults of §1.1 (timeout 1, period 10, success 1, failure 3). */
export interface ProbeSettings {
  delayMs: number;
  periodMs: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeSettings(p: Probe): ProbeSettings {
  return {
    delayMs: Math.max(0, p.initialDelaySeconds ?? 0) * 1000,
    periodMs: (p.periodSeconds || 10) * 1000,
    timeoutSeconds: p.timeoutSeconds || 1,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
  };
}

type Result = 'success' | 'failure' | 'unknown';

/** What the prober needs from the pod worker. */
export interface ProbeHost {
  now(): number;
  /** A clock task that belongs to the container (cancelled when the container run ends). */
  schedule(ms: number, label: string, fn: () => void): TaskId;
  unschedule(id: TaskId): void;
  unhealthy(message: string): void;
  /** The startup probe succeeded. */
  started(): void;
  /** The readiness result changed. */
  readiness(ready: boolean): void;
  /** A startup or liveness probe failed: kill the container. */
  kill(kind: 'startup' | 'liveness'): void;
  /** A probe result changed: the kubelet syncs the pod. */
  podSync(): void;
}

class ProbeWorker {
  readonly kind: ProbeKind;
  readonly settings: ProbeSettings;
  outcomes: ProbeOutcomes | null = null;
  /** Ticker phase: ticks at origin + k × period. */
  origin = 0;
  /** The last tick already handled (a tick at this instant is not probed twice). */
  lastTick = Number.NEGATIVE_INFINITY;
  lastResult: 'success' | 'failure' | null = null;
  resultRun = 0;
  /** The result manager's value for the current container. */
  result: Result;
  onHold = false;
  task: TaskId | undefined;

  constructor(kind: ProbeKind, probe: Probe) {
    this.kind = kind;
    this.settings = probeSettings(probe);
    this.result = initialResult(kind);
  }
}

/** worker.initialValue: readiness Failure, liveness Success, startup Unknown. */
function initialResult(kind: ProbeKind): Result {
  return kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown';
}

export class ContainerProber {
  #host: ProbeHost;
  #workers: ProbeWorker[] = [];
  #startup?: ProbeWorker;
  #readiness?: ProbeWorker;
  /** Start of the running container, null while none runs. */
  #runStart: number | null = null;
  #started = false;

  constructor(host: ProbeHost, probes: Partial<Record<ProbeKind, Probe>>) {
    this.#host = host;
    for (const kind of ['startup', 'liveness', 'readiness'] as const) {
      const p = probes[kind];
      if (!p) continue;
      const w = new ProbeWorker(kind, p);
      this.#workers.push(w);
      if (kind === 'startup') this.#startup = w;
      if (kind === 'readiness') this.#readiness = w;
    }
  }

  get hasStartup(): boolean {
    return this.#startup !== undefined;
  }

  get hasReadiness(): boolean {
    return this.#readiness !== undefined;
  }

  /** AddPod: the workers start ticking now. */
  admitted(at: number): void {
    for (const w of this.#workers) w.origin = at;
  }

  /** A new container is running: results back to their initial values, probing resumes. */
  runStarted(outcomes: (kind: ProbeKind) => ProbeOutcomes): void {
    this.#runStart = this.#host.now();
    this.#started = !this.#startup;
    for (const w of this.#workers) {
      w.outcomes = outcomes(w.kind);
      w.result = initialResult(w.kind);
      w.onHold = false;
      this.#plan(w);
    }
  }

  /** The container run ended: nothing to probe until the next one. */
  runEnded(): void {
    this.#runStart = null;
    for (const w of this.#workers) this.#cancel(w);
  }

  /** The container is being killed for a failed probe: liveness and startup rest (readiness goes on). */
  killing(): void {
    for (const w of this.#workers) {
      if (w.kind === 'readiness') continue;
      w.onHold = true;
      this.#cancel(w);
    }
  }

  /** The pod is being deleted: probing stops. */
  stop(): void {
    this.#runStart = null;
    for (const w of this.#workers) this.#cancel(w);
  }

  /** UpdatePodStatus during a pod sync: a started container that is not ready gets a readiness probe now. */
  podSynced(): void {
    const w = this.#readiness;
    if (!w || this.#runStart === null || !this.#started || w.result === 'success') return;
    w.origin = this.#host.now();
    w.lastTick = w.origin - 1;
    this.#plan(w);
  }

  #cancel(w: ProbeWorker): void {
    if (w.task !== undefined) this.#host.unschedule(w.task);
    w.task = undefined;
  }

  #gated(w: ProbeWorker): boolean {
    return w.kind === 'startup' ? this.#started : !this.#started;
  }

  /** The first tick at or after `from` and after `after`. */
  #tickFrom(w: ProbeWorker, from: number, after: number): number {
    const base = Math.max(from, Math.floor(after) + 1);
    const k = Math.max(0, Math.ceil((base - w.origin) / w.settings.periodMs));
    return w.origin + k * w.settings.periodMs;
  }

  /**
   * Schedules the next observable tick: walks the ticks from now without side effects, jumping over runs of
   * successes that would change nothing, and hands the counters as they stand before that tick to the task.
   */
  #plan(w: ProbeWorker): void {
    this.#cancel(w);
    const start = this.#runStart;
    if (start === null || w.onHold || this.#gated(w) || !w.outcomes) return;
    const { periodMs, successThreshold } = w.settings;
    let t = this.#tickFrom(w, Math.max(this.#host.now(), start + w.settings.delayMs), w.lastTick);
    let last = w.lastResult;
    let run = w.resultRun;
    for (;;) {
      const o = w.outcomes.at(t - start);
      if (!o.ok) break;
      const nextRun = last === 'success' ? run + 1 : 1;
      if (nextRun >= successThreshold && w.result !== 'success') break;
      last = 'success';
      run = nextRun;
      if (w.result === 'success') {
        const change = w.outcomes.nextChange(t - start);
        if (change === null) return; // healthy from here on: no task
        t = this.#tickFrom(w, start + change, t);
      } else t += periodMs;
    }
    const before = { last, run };
    w.task = this.#host.schedule(t - this.#host.now(), `${w.kind} probe`, () => {
      w.task = undefined;
      this.#tick(w, t, before);
    });
  }

  /** doProbe at tick `t`: the probe, its event, the thresholds and what a changed result sets off. */
  #tick(w: ProbeWorker, t: number, before: { last: 'success' | 'failure' | null; run: number }): void {
    const start = this.#runStart;
    if (start === null || !w.outcomes) return;
    w.lastTick = t;
    w.lastResult = before.last;
    w.resultRun = before.run;
    const o = w.outcomes.at(t - start);
    if (!o.ok) this.#host.unhealthy(`${KIND_LABEL[w.kind]} probe failed: ${o.output}`);
    const r = o.ok ? 'success' : 'failure';
    if (w.lastResult === r) w.resultRun++;
    else {
      w.lastResult = r;
      w.resultRun = 1;
    }
    const threshold = r === 'failure' ? w.settings.failureThreshold : w.settings.successThreshold;
    if (w.resultRun < threshold) {
      this.#plan(w);
      return;
    }
    const changed = w.result !== r;
    w.result = r;
    if ((w.kind === 'liveness' && r === 'failure') || w.kind === 'startup') {
      // on hold until a new container (#121206: a startup probe also rests once it succeeded)
      w.onHold = true;
      w.resultRun = 0;
    }
    this.#plan(w);
    if (!changed) return;
    if (w.kind === 'startup' && r === 'success') {
      this.#started = true;
      for (const other of this.#workers) if (other !== w) this.#plan(other);
      this.#host.started();
      this.#host.podSync();
    } else if (w.kind === 'readiness') {
      this.#host.readiness(r === 'success');
      this.#host.podSync();
    } else if (r === 'failure') {
      this.#host.kill(w.kind === 'startup' ? 'startup' : 'liveness');
    }
  }
}
