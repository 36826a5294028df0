// The control loops of a simulated cluster, in the order they start. Each is independent: it finds what it
// needs through the API and its own watches.
import type { Controller } from '../controllers/runtime.ts';
import { GarbageCollector } from '../controllers/garbage-collector/garbage-collector.ts';
import { nodeControllers } from '../node/index.ts';

export function defaultControllers(): Controller[] {
  return [new GarbageCollector(), ...nodeControllers()];
}
