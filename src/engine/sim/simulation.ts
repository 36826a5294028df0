// One simulated cluster: the virtual clock, seeded randomness, the API server and the control loops that
// act on it. The same object runs in the browser's Web Worker, in tests and behind `workload-lab simulate`.
import { ApiServer } from '../api/api-server.ts';
import { apiError, type ApiError } from '../api/api-error.ts';
import { EventRecorder } from '../api/events.ts';
import { clone, type KubeObject } from '../api/objects.ts';
import type { Node } from '../api/kinds.ts';
import { SeededRandom } from '../clock/random.ts';
import { VirtualClock } from '../clock/virtual-clock.ts';
import type { Controller, ControllerContext } from '../controllers/runtime.ts';
import { defaultClusterNodes } from './default-cluster.ts';
import { resolveKind } from '../schema/index.ts';
import { applyObject } from '../kubectl/apply/apply-object.ts';
import { runWithFastForward, type FastForwardReport } from './fast-forward/fast-forward.ts';

/** 2026-01-01T00:00:00Z: the documented default start of the virtual clock. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
/** Work cap: tasks one run may execute before it stops with WorkCapExceeded (see README). */
export const DEFAULT_MAX_TASKS = 5_000_000;

export interface SimulationOptions {
  startMs?: number;
  seed?: number;
  /** v1 Node objects defining the cluster; the default cluster when absent or empty. */
  nodes?: Node[];
  controllers?: Controller[];
  maxTasks?: number;
  /** Objects the API server holds at most (Events not counted); see MAX_OBJECTS. */
  maxObjects?: number;
  /** Deep-freeze stored objects (the default under test, to catch watchers that change them). */
  freezeStored?: boolean;
}

export interface RunOptions {
  /**
   * Skip whole periods of a run that repeats itself (src/engine/sim/fast-forward): for callers that only read the
   * end state, not every change on the way (no outside watch).
   */
  fastForward?: boolean;
}

export type { ApplyOutcome } from '../kubectl/apply/apply-object.ts';
import type { ApplyOutcome } from '../kubectl/apply/apply-object.ts';

export interface ApplyResult {
  object?: KubeObject;
  outcome?: ApplyOutcome;
  error?: ApiError;
}

export class Simulation {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly maxTasks: number;
  readonly context: ControllerContext;

  constructor(opts: SimulationOptions = {}) {
    this.clock = new VirtualClock(opts.startMs ?? DEFAULT_START_MS);
    this.random = new SeededRandom(opts.seed ?? 1);
    this.api = new ApiServer(this.clock, this.random, { maxObjects: opts.maxObjects, freezeStored: opts.freezeStored });
    this.events = new EventRecorder(this.api);
    this.maxTasks = opts.maxTasks ?? DEFAULT_MAX_TASKS;
    this.context = { api: this.api, clock: this.clock, random: this.random, events: this.events };
    for (const c of opts.controllers ?? []) c.start(this.context);
    const nodes = opts.nodes && opts.nodes.length ? opts.nodes : defaultClusterNodes();
    for (const n of nodes) this.addNode(n);
  }

  /** Registers a node; its kubelet (a controller watching Nodes) brings it to Ready. */
  addNode(node: Node): void {
    const r = this.api.createInternal(clone(node));
    if (!r.ok) throw new Error(r.error.message);
  }

  /**
   * `kubectl apply` of one object (src/engine/kubectl/apply/apply-object.ts): created with its
   * last-applied-configuration annotation, or patched three ways from it (configured / unchanged), as
   * `kubectl apply -f` does. Errors are the API server's, for kubectl to print.
   */
  apply(value: Record<string, unknown>): ApplyResult {
    const resolved = resolveKind(value.apiVersion, value.kind, value);
    if (!resolved.ok) {
      const r = this.api.create(value);
      return r.ok ? { object: r.object, outcome: 'created' } : { error: r.error };
    }
    const entry = resolved.entry;
    const meta = (typeof value.metadata === 'object' && value.metadata !== null ? value.metadata : {}) as Record<string, unknown>;
    // kubectl's builder fills in the namespace before anything is sent (it shows in the annotation).
    const object = entry.namespaced && !meta.namespace ? { ...value, metadata: { ...meta, namespace: 'default' } } : value;
    const r = applyObject(this.api, entry, object);
    if (r.error) return { error: r.error };
    if (r.patchError !== undefined) return { error: apiError('BadRequest', r.patchError) };
    return { object: r.object, outcome: r.outcome };
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs simulated time forward by `ms`. */
  runFor(ms: number): void {
    this.clock.runUntil(this.clock.now() + ms, this.maxTasks);
  }

  /** Runs simulated time to `atMs`; with `fastForward`, returns the stretches it skipped (none: nothing skipped). */
  runUntil(atMs: number, opts: RunOptions = {}): FastForwardReport[] {
    if (!opts.fastForward) {
      this.clock.runUntil(atMs, this.maxTasks);
      return [];
    }
    // one work cap for the whole run, as without the fast-forward
    let budget = this.maxTasks;
    return runWithFastForward(this, atMs, (to) => {
      budget -= this.clock.runUntil(to, budget);
    });
  }

  /** Runs until nothing is left to happen or `capMs` of simulated time has passed; returns the end time. */
  runUntilIdle(capMs = 24 * 3600 * 1000): number {
    const end = this.clock.now() + capMs;
    let budget = this.maxTasks;
    for (;;) {
      const next = this.clock.nextAt();
      if (next === null || next > end || !this.clock.hasForegroundWork) break;
      budget -= this.clock.runUntil(next, budget);
    }
    return this.clock.now();
  }
}
