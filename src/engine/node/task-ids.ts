// The pending clock tasks of a pod worker or of one of its containers, so that they can be cancelled together.
// There are rarely more than three at a time, and every task adds and removes itself: a short array does that
// without the hash table (and its growing and shrinking) of a Set, in which every pod would keep three.
// Cancelling is order-independent, so the order of the ids does not matter.
import type { TaskId } from '../clock/virtual-clock.ts';

export class TaskIds {
  #ids: TaskId[] = [];

  add(id: TaskId): void {
    this.#ids.push(id);
  }

  has(id: TaskId): boolean {
    return this.#ids.includes(id);
  }

  /** Removes `id`; false when it was not there. */
  delete(id: TaskId): boolean {
    const ids = this.#ids;
    const i = ids.indexOf(id);
    if (i < 0) return false;
    ids[i] = ids[ids.length - 1]!;
    ids.pop();
    return true;
  }

  /** Removes every id, handing each to `fn`. */
  drain(fn: (id: TaskId) => void): void {
    const ids = this.#ids;
    this.#ids = [];
    for (const id of ids) fn(id);
  }
}
