// The live picture's engine side (issue 8): with 500 pods changing, what one snapshot costs the simulator's
// worker to build, what it weighs, and what structured cloning it costs (postMessage clones it once in the
// worker and rebuilds it once on the page). The page's own rendering is measured in the browser.
// Run alone with `npx node scripts/bench/picture.ts`; `pictureBenches()` is the `npm run bench` entry.
import { PictureRecorder } from '../../src/engine/picture/recorder.ts';
import type { PictureSnapshot } from '../../src/engine/picture/types.ts';
import { nodeManifest } from '../../src/engine/sim/default-cluster.ts';
import { defaultControllers } from '../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import type { BenchResult } from '../bench.ts';

const PODS = 500;
/** One animation frame at 120× real time. */
const FRAME_SIM_MS = 2_000;
const FRAMES = 120;

function deployment(image: string) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fleet' },
    spec: {
      replicas: PODS, selector: { matchLabels: { app: 'fleet' } },
      template: {
        metadata: { labels: { app: 'fleet' }, annotations: { 'sim.workload-lab.dev/ready-after': '3s' } },
        spec: { containers: [{ name: 'c', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

interface PictureRun {
  build: number[];
  clone: number[];
  update: number[];
  updateClone: number[];
  updateBytes: number[];
  bytes: number;
  lanes: number;
  pods: number;
  events: number;
}

/** A 500-replica Deployment rolled out and rolled to a new image every 40 s simulated: one picture per frame. */
function run(): PictureRun {
  const nodes = Array.from({ length: 6 }, (_, i) => nodeManifest({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', ip: `10.0.${i}.10` }));
  const sim = new Simulation({ seed: 1, nodes, controllers: defaultControllers() });
  const rec = new PictureRecorder(sim);
  sim.apply(deployment('nginx:1.27'));
  // A second recorder feeds incremental updates (what the worker should post), side by side.
  const incremental = new PictureRecorder(sim);
  incremental.update();
  const build: number[] = [];
  const clone: number[] = [];
  const update: number[] = [];
  const updateClone: number[] = [];
  const updateBytes: number[] = [];
  let last: PictureSnapshot | undefined;
  for (let f = 0; f < FRAMES; f++) {
    if (f % 20 === 10) sim.apply(deployment(f % 40 === 10 ? 'nginx:1.28' : 'nginx:1.27'));
    sim.runFor(FRAME_SIM_MS);
    const t0 = performance.now();
    last = rec.snapshot();
    const t1 = performance.now();
    structuredClone(last);
    const t2 = performance.now();
    const u = incremental.update();
    const t3 = performance.now();
    structuredClone(u);
    const t4 = performance.now();
    build.push(t1 - t0);
    clone.push(t2 - t1);
    update.push(t3 - t2);
    updateClone.push(t4 - t3);
    updateBytes.push(JSON.stringify(u).length);
  }
  rec.dispose();
  incremental.dispose();
  return { build, clone, update, updateClone, updateBytes, bytes: JSON.stringify(last).length, lanes: last!.lanes.length, pods: last!.pods.length, events: last!.events.length };
}

export function pictureBenches(): BenchResult[] {
  const r = run();
  const note = `${r.pods} pods, ${r.lanes} lanes, ${r.events} events at the end; ${FRAMES} frames of ${FRAME_SIM_MS / 1000} s simulated, a rollout every 40 s`;
  return [
    { name: 'Picture snapshot build, 500 pods (p95 frame)', value: p95(r.build), unit: 'ms', note: `median ${median(r.build).toFixed(1)} ms; ${note}` },
    { name: 'Picture snapshot structuredClone, 500 pods (median frame)', value: median(r.clone), unit: 'ms', note: `p95 ${p95(r.clone).toFixed(1)} ms` },
    { name: 'Picture snapshot size as JSON, 500 pods (last frame)', value: r.bytes / 1024, unit: 'KiB' },
    { name: 'Picture incremental update build (p95 frame)', value: p95(r.update), unit: 'ms', note: `median ${median(r.update).toFixed(1)} ms` },
    { name: 'Picture incremental update structuredClone (p95 frame)', value: p95(r.updateClone), unit: 'ms', note: `median ${median(r.updateClone).toFixed(1)} ms` },
    { name: 'Picture incremental update size as JSON (median frame)', value: median(r.updateBytes) / 1024, unit: 'KiB', note: `p95 ${(p95(r.updateBytes) / 1024).toFixed(0)} KiB (a rollout frame)` },
  ];
}

if (import.meta.main) {
  for (const b of pictureBenches()) console.log(`${b.name}: ${b.value.toFixed(1)} ${b.unit}${b.note ? ` — ${b.note}` : ''}`);
}
