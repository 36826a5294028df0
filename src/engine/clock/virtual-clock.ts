// A discrete-event clock: time jumps from one scheduled task to the next and never ticks through idle time.
// Tasks due at the same instant run in the order they were scheduled, so a run is fully deterministic.

export type TaskId = number;

interface Task {
  at: number;
  seq: number;
  id: TaskId;
  label: string;
  run: () => void;
}

export interface TaskOptions {
  /**
   * Housekeeping that never changes what a learner watches unfold (event expiry): a simulation run "until done"
   * stops when only such tasks are left.
   */
  background?: boolean;
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
  #heap: Task[] = [];
  #cancelled = new Set<TaskId>();
  #executed = 0;
  /** Pending task id → whether it is background work. */
  #pendingBackground = new Map<TaskId, boolean>();
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
    return this.#pendingBackground.size;
  }

  /** Whether any task that is not background work is pending. */
  get hasForegroundWork(): boolean {
    return this.#foreground > 0;
  }

  /** Runs `run` at absolute time `at` (never in the past: a past time means "now"). */
  at(at: number, label: string, run: () => void, opts: TaskOptions = {}): TaskId {
    const id = ++this.#seq;
    const background = opts.background === true;
    this.#pendingBackground.set(id, background);
    if (!background) this.#foreground++;
    this.#push({ at: Math.max(at, this.#now), seq: id, id, label, run });
    return id;
  }

  /** Runs `run` after `delayMs` of simulated time. */
  after(delayMs: number, label: string, run: () => void, opts: TaskOptions = {}): TaskId {
    return this.at(this.#now + Math.max(0, delayMs), label, run, opts);
  }

  cancel(id: TaskId | undefined): void {
    if (id === undefined || !this.#pendingBackground.has(id)) return;
    this.#cancelled.add(id);
    this.#settle(id);
  }

  #settle(id: TaskId): void {
    const background = this.#pendingBackground.get(id);
    if (background === undefined) return;
    this.#pendingBackground.delete(id);
    if (!background) this.#foreground--;
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
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap[0];
      if (!next || next.at > until) break;
      if (ran >= maxTasks) throw new WorkCapExceeded(ran, this.#now);
      this.#pop();
      this.#settle(next.id);
      this.#now = next.at;
      ran++;
      this.#executed++;
      next.run();
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
    while (this.#heap.length && this.#cancelled.has(this.#heap[0].id)) {
      this.#cancelled.delete(this.#heap[0].id);
      this.#pop();
    }
  }

  #less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(task: Task): void {
    const h = this.#heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  #pop(): Task | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l], h[m])) m = l;
        if (r < h.length && this.#less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
