// Creates simulator workers. `prewarm` starts one as soon as the learner shows the intent to open a sandbox
// (pointer on or focus on its button), so its ~1.4 MB of engine code is fetched and parsed by the time the
// sandbox asks for it.
import type { WorkerLike } from './client.ts';

let spare: Worker | null = null;

function spawn(): Worker {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'workload-lab simulator' });
}

export function prewarmSimWorker(): void {
  spare ??= spawn();
}

/** The prewarmed worker if there is one, else a new one. */
export function takeSimWorker(): WorkerLike {
  const w = spare ?? spawn();
  spare = null;
  return w as unknown as WorkerLike;
}
