// One sandbox's simulated cluster, as the page's Web Worker (and the unit tests) drive it: kubectl and `lab`
// lines, apply of the editor's files, time that advances by a duration, plays, or steps to the next thing that
// happens, streams (`get -w`) polled as time runs, reset, and the picture's snapshot. Deterministic: the same
// seed, files and calls give the same cluster. Nothing here throws to the caller: a runaway run (the work cap)
// or an engine bug halts the session with an error that the sandbox shows, until reset.
import { Simulation, DEFAULT_START_MS } from '../sim/simulation.ts';
import { defaultControllers } from '../sim/default-controllers.ts';
import { WorkCapExceeded } from '../clock/virtual-clock.ts';
import type { KubectlStream } from '../kubectl/context.ts';
import { CLUSTER_SCOPED } from '../api/objects.ts';
import { clusterNodes } from './cluster.ts';
import { complete, type Completion } from './completion.ts';
import { runLine, type FileProblem } from './kubectl-backend.ts';
import { PictureRecorder, type PictureSnapshot } from './picture.ts';

export type { FileProblem } from './kubectl-backend.ts';
export type { Completion } from './completion.ts';
export type { PictureSnapshot } from './picture.ts';

export interface SandboxFile {
  name: string;
  text: string;
}

export interface SessionOptions {
  seed?: number;
  startMs?: number;
  /** 'default', or v1 Node manifests as text. */
  cluster?: string;
  files?: readonly SandboxFile[];
  /** Clock tasks one call (advance, step, a command) may run before the session halts (runaway guard). */
  maxTasksPerCall?: number;
  /** Objects the API server holds at most (Events aside); see SANDBOX_MAX_OBJECTS. */
  maxObjects?: number;
}

export interface SessionError {
  kind: 'work-cap' | 'internal';
  message: string;
}

export interface LineResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the command keeps printing as time runs; poll with pollStreams, end with stopStream. */
  streamId?: number;
  problems?: FileProblem[];
}

export interface ApplyResult extends LineResult {
  problems: FileProblem[];
}

export interface StreamChunk {
  id: number;
  /** stdout since the previous poll. */
  text: string;
  /** stderr since the previous poll (`error: timed out waiting for the condition`). */
  stderr?: string;
  done: boolean;
  exitCode?: number;
}

export interface TimeResult {
  now: number;
  /** Simulated ms that passed. */
  advancedMs: number;
  /** step: nothing (but background housekeeping) was left to happen. */
  idle?: boolean;
  streams: StreamChunk[];
  error?: SessionError;
}

/** Default work cap per call: far above a 500-pod Job's busiest second, far below a hang. */
export const DEFAULT_MAX_TASKS_PER_CALL = 400_000;
/** `step` never jumps further than this in one go (an idle cluster with a far-off CronJob run). */
export const STEP_HORIZON_MS = 24 * 3600 * 1000;
/**
 * A sandbox's cluster holds at most this many objects (the CLI's limit is 20,000): enough for the 500-pod
 * workloads the picture is built for, small enough that `replicas: 100000` is refused with the API server's
 * Forbidden error in a moment instead of keeping the browser's simulator busy for seconds per frame.
 */
export const SANDBOX_MAX_OBJECTS = 2500;

export class SandboxSession {
  readonly seed: number;
  readonly startMs: number;
  readonly clusterProblems: string[];
  readonly #cluster: string | undefined;
  readonly #maxTasks: number;
  readonly #maxObjects: number;
  #sim!: Simulation;
  #recorder!: PictureRecorder;
  #unwatch: () => void = () => {};
  /** API writes seen so far; `step` runs until this moves. */
  #changes = 0;
  #files = new Map<string, string>();
  #streams = new Map<number, KubectlStream>();
  #nextStream = 1;
  #halted: SessionError | null = null;

  constructor(opts: SessionOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.startMs = opts.startMs ?? DEFAULT_START_MS;
    this.#cluster = opts.cluster;
    this.#maxTasks = opts.maxTasksPerCall ?? DEFAULT_MAX_TASKS_PER_CALL;
    this.#maxObjects = opts.maxObjects ?? SANDBOX_MAX_OBJECTS;
    this.clusterProblems = clusterNodes(opts.cluster).problems;
    if (opts.files) this.setFiles(opts.files);
    this.#build();
  }

  #build(): void {
    const { nodes } = clusterNodes(this.#cluster);
    this.#sim = new Simulation({ startMs: this.startMs, seed: this.seed, nodes, controllers: defaultControllers(), maxTasks: this.#maxTasks, maxObjects: this.#maxObjects });
    this.#recorder = new PictureRecorder(this.#sim);
    this.#changes = 0;
    this.#unwatch = this.#sim.api.watch(null, (e) => {
      // Events expiring after their TTL is housekeeping, not something to step to.
      if (!(e.type === 'DELETED' && e.object.kind === 'Event')) this.#changes++;
    });
    // The nodes register and turn Ready at the start: the cluster a learner first sees is the settled one.
    this.#guard(() => this.#sim.runUntilIdle(60_000));
  }

  get simulation(): Simulation {
    return this.#sim;
  }

  now(): number {
    return this.#sim.now();
  }

  /** Why the session stopped (work cap, engine bug), or null. Time cannot move until reset. */
  get halted(): SessionError | null {
    return this.#halted;
  }

  setFiles(files: readonly SandboxFile[]): void {
    this.#files = new Map(files.map((f) => [f.name, f.text]));
  }

  get fileNames(): string[] {
    return [...this.#files.keys()];
  }

  /** Runs `f`, turning a work-cap overrun or an engine exception into the halted state. */
  #guard<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (err) {
      this.#halted = err instanceof WorkCapExceeded
        ? { kind: 'work-cap', message: err.message }
        : { kind: 'internal', message: `internal error in the simulator: ${(err as Error)?.message ?? String(err)}` };
      return undefined;
    }
  }

  /** One terminal line: `kubectl …` or `lab …`. */
  run(line: string): LineResult {
    const r = this.#guard(() => runLine(this.#sim, this.#files, line));
    if (!r) return { exitCode: 1, stdout: '', stderr: `error: ${this.#halted?.message ?? 'the simulator stopped'}\n` };
    const out: LineResult = { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    if (r.problems) out.problems = r.problems;
    if (r.stream) {
      // What the command prints at once (a watch's first listing) belongs to this result, not to a later poll.
      const stream = r.stream;
      this.#guard(() => {
        out.stdout += stream.poll();
        out.stderr += stream.pollStderr?.() ?? '';
      });
      if (this.#guard(() => stream.done())) {
        out.exitCode = this.#guard(() => stream.exitCode()) ?? out.exitCode;
      } else {
        const id = this.#nextStream++;
        this.#streams.set(id, stream);
        out.streamId = id;
      }
    }
    return out;
  }

  /** The editor's Apply: `kubectl apply -f <file>` for each file, in order. */
  apply(files: readonly SandboxFile[]): ApplyResult {
    this.setFiles(files);
    const result: ApplyResult = { exitCode: 0, stdout: '', stderr: '', problems: [] };
    for (const f of files) {
      const r = this.run(`kubectl apply -f ${quote(f.name)}`);
      result.stdout += r.stdout;
      result.stderr += r.stderr;
      result.problems.push(...(r.problems ?? []));
      if (r.exitCode !== 0) result.exitCode = r.exitCode;
    }
    return result;
  }

  /** Runs simulated time forward by `ms` (play calls this once per animation frame). */
  advance(ms: number): TimeResult {
    const start = this.now();
    if (!this.#halted && ms > 0) this.#guard(() => this.#sim.runFor(ms));
    return this.#timeResult(start);
  }

  /**
   * Runs to the next instant at which something a learner can see changes (an object or an Event is written),
   * skipping instants where only background housekeeping runs. Idle when nothing is left to happen.
   */
  step(): TimeResult {
    const start = this.now();
    if (this.#halted) return this.#timeResult(start);
    const before = this.#changes;
    const clock = this.#sim.clock;
    let idle = false;
    let budget = this.#maxTasks;
    this.#guard(() => {
      for (;;) {
        const next = clock.nextAt();
        if (next === null || !clock.hasForegroundWork || next > start + STEP_HORIZON_MS) {
          idle = true;
          break;
        }
        budget -= clock.runUntil(next, budget);
        if (this.#changes !== before) break;
      }
    });
    return { ...this.#timeResult(start), idle };
  }

  #timeResult(start: number): TimeResult {
    const r: TimeResult = { now: this.now(), advancedMs: this.now() - start, streams: this.pollStreams() };
    if (this.#halted) r.error = this.#halted;
    return r;
  }

  /** Output the running streams printed since the last poll; finished streams are dropped after this. */
  pollStreams(): StreamChunk[] {
    const out: StreamChunk[] = [];
    for (const [id, s] of this.#streams) {
      const chunk = this.#guard(() => {
        const text = s.poll();
        const stderr = s.pollStderr?.() ?? '';
        const done = s.done();
        return { id, text, done, ...(stderr ? { stderr } : {}), ...(done ? { exitCode: s.exitCode() } : {}) };
      });
      if (!chunk) {
        this.#streams.delete(id);
        out.push({ id, text: '', done: true, exitCode: 1 });
        continue;
      }
      if (chunk.done) this.#streams.delete(id);
      if (chunk.text !== '' || chunk.stderr || chunk.done) out.push(chunk);
    }
    return out;
  }

  /** Ctrl+C on a stream: what it printed last, then it is gone. */
  stopStream(id: number): StreamChunk {
    const s = this.#streams.get(id);
    if (!s) return { id, text: '', done: true, exitCode: 0 };
    this.#streams.delete(id);
    const text = this.#guard(() => s.poll()) ?? '';
    this.#guard(() => s.stop());
    return { id, text, done: true, exitCode: 0 };
  }

  /** Ids of the streams still running. */
  runningStreams(): number[] {
    return [...this.#streams.keys()];
  }

  /** Counts API writes (Event expiry aside): a snapshot taken at the same count and time is the same. */
  get changeCount(): number {
    return this.#changes;
  }

  /** A fresh cluster (same seed and nodes); the files stay. */
  reset(): void {
    for (const s of this.#streams.values()) this.#guard(() => s.stop());
    this.#streams.clear();
    this.#unwatch();
    this.#recorder.dispose();
    this.#halted = null;
    this.#build();
  }

  snapshot(): PictureSnapshot {
    return this.#recorder.snapshot();
  }

  /** Tab completion of a terminal line at `cursor`. */
  complete(line: string, cursor = line.length): Completion {
    const api = this.#sim.api;
    return complete(line, cursor, {
      files: () => this.fileNames,
      names: (kind, namespace) => api.list(kind, CLUSTER_SCOPED.has(kind) ? {} : { namespace }).map((o) => o.metadata.name),
      namespaces: () => [...new Set(['default', 'kube-system', ...api.list('Namespace').map((n) => n.metadata.name)])],
    });
  }

  dispose(): void {
    for (const s of this.#streams.values()) this.#guard(() => s.stop());
    this.#streams.clear();
    this.#unwatch();
    this.#recorder.dispose();
  }
}

/** A file name as one shell word. */
function quote(name: string): string {
  return /^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
