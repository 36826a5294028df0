// Shared pieces of the picture tests: a default cluster with every controller and a recorder attached.
import { PictureRecorder, type PictureRecorderOptions } from '../../../src/engine/picture/recorder.ts';
import type { Lane, PictureSnapshot } from '../../../src/engine/picture/types.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';

export const T0 = Date.UTC(2026, 0, 1);

export function recordedCluster(opts: PictureRecorderOptions & { seed?: number } = {}): { sim: Simulation; rec: PictureRecorder } {
  const sim = new Simulation({ controllers: defaultControllers(), startMs: T0, seed: opts.seed ?? 1 });
  return { sim, rec: new PictureRecorder(sim, opts) };
}

export function applyOrThrow(sim: Simulation, obj: Record<string, unknown>): void {
  const r = sim.apply(obj);
  if (r.error) throw new Error(r.error.message);
}

export function lanesOf(s: PictureSnapshot, prefix: string): Lane[] {
  return s.lanes.filter((l) => l.name.startsWith(prefix));
}

/** A lane as [state, STATUS, from, to] rows relative to T0, for readable expectations. */
export function rows(l: Lane): [string, string, number, number | null][] {
  return l.segments.map((g) => [g.state, g.status, g.from - T0, g.to === undefined ? null : g.to - T0]);
}

/** RFC 3339 seconds of a simulated time (the API's metav1.Time precision). */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
