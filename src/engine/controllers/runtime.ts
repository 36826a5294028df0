// What every controller gets, and the work queue they share. A controller reconciles one object at a time,
// keyed `namespace/name`, from what it reads through the API — desired state against actual state — and
// reacts to watch events by queueing keys, as the real controllers built on client-go do.
import type { ApiServer } from '../api/api-server.ts';
import type { EventRecorder } from '../api/events.ts';
import type { SeededRandom } from '../clock/random.ts';
import type { TaskId, VirtualClock } from '../clock/virtual-clock.ts';

export interface ControllerContext {
  api: ApiServer;
  clock: VirtualClock;
  random: SeededRandom;
  events: EventRecorder;
}

/** A control loop. Adding one must not require touching the others: it watches what it needs in `start`. */
export interface Controller {
  readonly name: string;
  start(ctx: ControllerContext): void;
}

/**
 * A rate-free work queue on the virtual clock: a key is synced once after `latencyMs`, however many events
 * asked for it meanwhile; `addAfter` schedules a re-check (deadlines, back-off), keeping the earliest request.
 */
export class WorkQueue {
  #clock: VirtualClock;
  #label: string;
  #sync: (key: string) => void;
  #latencyMs: number;
  /** The pending sync of each key (its time is the task's: the clock may shift pending tasks). */
  #due = new Map<string, TaskId>();

  constructor(clock: VirtualClock, label: string, latencyMs: number, sync: (key: string) => void) {
    this.#clock = clock;
    this.#label = label;
    this.#latencyMs = latencyMs;
    this.#sync = sync;
  }

  add(key: string): void {
    this.addAfter(key, this.#latencyMs);
  }

  addAfter(key: string, delayMs: number): void {
    const at = this.#clock.now() + Math.max(0, delayMs);
    const queued = this.#due.get(key);
    const queuedAt = queued && this.#clock.timeOf(queued);
    if (queuedAt !== undefined && queuedAt <= at) return;
    this.#clock.cancel(queued);
    const task = this.#clock.at(at, `${this.#label} ${key}`, () => {
      this.#due.delete(key);
      this.#sync(key);
    });
    this.#due.set(key, task);
  }

  get length(): number {
    return this.#due.size;
  }
}

export function namespacedKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
