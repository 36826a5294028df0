// slowStartBatch (§0.4): calls `fn` `count` times in batches of 1, 2, 4, 8 … (each capped at what remains).
// A batch with a failure ends the run: the rest is not attempted and is retried on a later sync.

export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult<E> {
  successes: number;
  /** The first error of the failing batch, if any. */
  error?: E;
  /** The batch sizes attempted, in order (for tests and traces). */
  batches: number[];
}

export function slowStartBatch<E>(count: number, initialBatchSize: number, fn: () => E | undefined): SlowStartResult<E> {
  let remaining = count;
  let successes = 0;
  const batches: number[] = [];
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    let firstError: E | undefined;
    let failed = 0;
    // Upstream runs a batch concurrently and waits for all of it, so every call of the batch is made.
    for (let i = 0; i < size; i++) {
      const err = fn();
      if (err !== undefined) {
        failed++;
        if (firstError === undefined) firstError = err;
      }
    }
    successes += size - failed;
    if (failed > 0) return { successes, error: firstError, batches };
    remaining -= size;
  }
  return { successes, batches };
}
