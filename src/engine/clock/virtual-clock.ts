// A discrete-event clock: time jumps from one scheduled task to the next and never ticks through idle time.
// Tasks due at the same instant run in the order they were scheduled, so a run is fully deterministic.

declare const TASK: unique symbol;
/**
 * What `at` and `after` return, for `cancel`: the scheduled task itself, opaque to callers. (Handing out the
 * task instead of a number spares the clock a map from numbers to pending tasks: a long run keeps tens of
 * thousands pending, one per stored event, and that map cost more than the heap.)
 */
export type TaskId = { readonly [TASK]: true };

interface Task {
  at: number;
  /** Scheduling order. */
  seq: number;
  label: string;
  /** null once cancelled (the task stays in the heap until it reaches the top). */
  run: ((arg: unknown) => void) | null;
  /** What `run` is called with (atWith); undefined for `at`. */
  arg: unknown;
  background: boolean;
  /** Stays at its time when the clock shifts (see TaskOptions.anchored). */
  anchored: boolean;
}

export interface TaskOptions {
  /**
   * Housekeeping that never changes what a learner watches unfold (event expiry): a simulation run "until done"
   * stops when only such tasks are left.
   */
  background?: boolean;
  /**
   * An appointment made from outside the cluster at a wall time (a `simulate --at` command): a fast-forward's
   * shift leaves it where it is, and ends before it.
   */
  anchored?: boolean;
}

/** Thrown when a run goes past its work cap (a runaway controller loop, replicas: 1e9 …). */
export class WorkCapExceeded extends Error {
  readonly tasks: number;
  constructor(tasks: number, at: number) {
    super(`the simulation stopped after ${tasks} steps at ${new Date(at).toISOString()}: this is more work than the lab allows (a runaway loop, or far too many objects)`);
    this.name = 'WorkCapExceeded';
    this.tasks = tasks;
  }
}

export class VirtualClock {
  #now: number;
  #seq = 0;
  /** A binary min-heap by (at, seq). */
  #heap: Task[] = [];
  /** Tasks pending (not yet run, not cancelled). */
  #pending = 0;
  #executed = 0;
  #foreground = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  /** Current simulated time, ms since the Unix epoch. */
  now(): number {
    return this.#now;
  }

  /** Tasks run so far. */
  get executed(): number {
    return this.#executed;
  }

  get pending(): number {
    return this.#pending;
  }

  /** Whether any task that is not background work is pending. */
  get hasForegroundWork(): boolean {
    return this.#foreground > 0;
  }

  /** Runs `run` at absolute time `at` (never in the past: a past time means "now"). */
  at(at: number, label: string, run: () => void, opts?: TaskOptions): TaskId {
    return this.atWith(at, label, run, undefined, opts);
  }

  /**
   * Runs `run(arg)` at `at`: for the many tasks of one kind (an expiry per stored event), one shared function and
   * its argument cost less to keep pending than a closure and its context each.
   */
  atWith<T>(at: number, label: string, run: (arg: T) => void, arg: T, opts?: TaskOptions): TaskId {
    const background = opts?.background === true;
    const task: Task = { at: at > this.#now ? at : this.#now, seq: ++this.#seq, label, run: run as (arg: unknown) => void, arg, background, anchored: opts?.anchored === true };
    this.#pending++;
    if (!background) this.#foreground++;
    this.#push(task);
    return task as unknown as TaskId;
  }

  /** Runs `run` after `delayMs` of simulated time. */
  after(delayMs: number, label: string, run: () => void, opts?: TaskOptions): TaskId {
    return this.at(this.#now + Math.max(0, delayMs), label, run, opts);
  }

  /** Cancels a pending task (a no-op once it ran or was cancelled). */
  cancel(id: TaskId | undefined): void {
    if (id === undefined) return;
    const task = id as unknown as Task;
    if (task.run === null) return;
    task.run = null;
    task.arg = undefined;
    this.#pending--;
    if (!task.background) this.#foreground--;
  }

  /** When a pending task will run; undefined once it ran or was cancelled. */
  timeOf(id: TaskId): number | undefined {
    const task = id as unknown as Task;
    return task.run === null ? undefined : task.at;
  }

  /** The labels and times of the pending tasks, in no particular order. */
  *pendingTasks(): IterableIterator<{ label: string; at: number; background: boolean; anchored: boolean }> {
    for (const t of this.#heap) if (t.run !== null) yield { label: t.label, at: t.at, background: t.background, anchored: t.anchored };
  }

  /** What the pending tasks that call `run` (scheduled with atWith) were given. */
  *pendingArgs<T>(run: (arg: T) => void): IterableIterator<T> {
    for (const t of this.#heap) if (t.run === run) yield t.arg as T;
  }

  /**
   * Moves the clock and every pending task but the anchored ones `byMs` later: the fast-forward's jump over whole
   * periods of a periodic run (src/engine/sim/fast-forward). Nothing runs.
   */
  shift(byMs: number): void {
    this.#now += byMs;
    const heap = this.#heap;
    for (const t of heap) if (!t.anchored) t.at += byMs;
    // anchored tasks kept their times: restore the heap order
    const tasks = heap.splice(0, heap.length);
    for (const t of tasks) this.#push(t);
  }

  /** Time of the next task, or null when nothing is scheduled. */
  nextAt(): number | null {
    this.#dropCancelled();
    return this.#heap.length ? this.#heap[0].at : null;
  }

  /**
   * Runs every task due up to and including `until`, then sets the clock to `until`.
   * Throws WorkCapExceeded when more than `maxTasks` tasks run in this call.
   */
  runUntil(until: number, maxTasks = Number.POSITIVE_INFINITY): number {
    let ran = 0;
    const heap = this.#heap;
    for (;;) {
      this.#dropCancelled();
      const next = heap[0];
      if (next === undefined || next.at > until) break;
      if (ran >= maxTasks) throw new WorkCapExceeded(ran, this.#now);
      this.#pop();
      const run = next.run!;
      const arg = next.arg;
      next.run = null;
      next.arg = undefined;
      this.#pending--;
      if (!next.background) this.#foreground--;
      this.#now = next.at;
      ran++;
      this.#executed++;
      run(arg);
    }
    if (until > this.#now) this.#now = until;
    return ran;
  }

  /** Runs all tasks at the next instant that has any; returns that instant, or null when idle. */
  stepInstant(maxTasks = Number.POSITIVE_INFINITY): number | null {
    const next = this.nextAt();
    if (next === null) return null;
    this.runUntil(next, maxTasks);
    return next;
  }

  #dropCancelled(): void {
    const heap = this.#heap;
    while (heap.length && heap[0].run === null) this.#pop();
  }

  #push(task: Task): void {
    const h = this.#heap;
    let i = h.length;
    h.push(task);
    // sift up, moving parents down into the hole
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p.at < task.at || (p.at === task.at && p.seq < task.seq)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = task;
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return;
    // sift the last task down from the root, moving smaller children up into the hole
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = h[l];
      if (r < n) {
        const right = h[r];
        if (right.at < child.at || (right.at === child.at && right.seq < child.seq)) {
          c = r;
          child = right;
        }
      }
      if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
  }
}
