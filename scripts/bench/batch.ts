// Batch workloads (issue 5): a Job with completions 10,000 and parallelism 500 (budget ≤ 2 s wall), and a
// `* * * * *` CronJob over 365 simulated days (budget ≤ 1 s), run as `simulate` runs it, with the fast-forward.
// Every minute is a Job with a Pod that is scheduled, started, completed and deleted by the history limit, with
// its events. A week minute by minute (no fast-forward) gives the cost of one Job.
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { defaultControllers } from '../../src/engine/sim/default-controllers.ts';
import { nodeManifest } from '../../src/engine/sim/default-cluster.ts';
import type { BenchResult } from '../bench.ts';
import { collectGarbage } from './gc.ts';

const nodes = () => Array.from({ length: 10 }, (_, i) => nodeManifest({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', ip: `10.0.${i}.10` }));

function bigJob(): { ms: number; simulated: number; succeeded: number } {
  const sim = new Simulation({ seed: 1, nodes: nodes(), controllers: defaultControllers() });
  collectGarbage();
  const t = performance.now();
  const start = sim.now();
  sim.apply({
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'big' },
    spec: {
      completions: 10_000, parallelism: 500,
      template: {
        metadata: { annotations: { 'sim.workload-lab.dev/duration': '10s' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', resources: { requests: { cpu: '10m' } } }] },
      },
    },
  });
  sim.runUntilIdle(6 * 3600_000);
  const job = sim.api.get('Job', 'default', 'big') as { status?: { succeeded?: number } } | undefined;
  return { ms: performance.now() - t, simulated: (sim.now() - start) / 1000, succeeded: job?.status?.succeeded ?? 0 };
}

const everyMinute = {
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
  spec: {
    schedule: '* * * * *',
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox:1.36', command: ['sh', '-c', 'date; sleep 5'] }] } } } },
  },
};

/**
 * The year as `workload-lab simulate --until 8760h` runs it: with the fast-forward (src/engine/sim/fast-forward),
 * which simulates hours in full until the run repeats itself, skips the repeating hours and simulates the last
 * ones in full. The most objects stored at once is read at every Job created in the simulated hours (the skipped
 * ones hold the same objects, moved in time).
 */
function cronYear(): { ms: number; hoursSkipped: number; maxObjects: number; endObjects: number; jobsAtEnd: number } {
  const sim = new Simulation({ seed: 1, controllers: defaultControllers() });
  let maxObjects = 0;
  sim.api.watch(['Job'], (e) => {
    if (e.type === 'ADDED') maxObjects = Math.max(maxObjects, sim.api.count());
  });
  sim.apply(everyMinute);
  collectGarbage();
  const t = performance.now();
  const skipped = sim.runUntil(sim.now() + 365 * 24 * 3600_000, { fastForward: true });
  const ms = performance.now() - t;
  return { ms, hoursSkipped: skipped.reduce((h, j) => h + (j.periods * j.periodMs) / 3600_000, 0), maxObjects, endObjects: sim.api.count(), jobsAtEnd: sim.api.count('Job') };
}

/** A week simulated minute by minute (no fast-forward): the cost of one Job, all controllers running. */
function cronWeek(): { ms: number; jobsSeen: number; maxObjects: number; tasks: number } {
  const sim = new Simulation({ seed: 1, controllers: defaultControllers() });
  let maxObjects = 0;
  let jobsSeen = 0;
  sim.api.watch(['Job'], (e) => {
    if (e.type === 'ADDED') jobsSeen++;
    maxObjects = Math.max(maxObjects, sim.api.count());
  });
  sim.apply(everyMinute);
  collectGarbage();
  const t = performance.now();
  const tasks = sim.clock.executed;
  for (let day = 1; day <= 7; day++) sim.runFor(24 * 3600_000);
  return { ms: performance.now() - t, jobsSeen, maxObjects, tasks: sim.clock.executed - tasks };
}

/** Three fresh runs, the median by wall time (this machine is shared and noisy); every run's time in the note. */
function medianOf3<T extends { ms: number }>(run: () => T): T & { runs: number[] } {
  const runs = [run(), run(), run()];
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...sorted[1]!, runs: runs.map((r) => r.ms) };
}

const msList = (runs: number[]) => `runs: ${runs.map((ms) => Math.round(ms)).join(', ')} ms`;

export function batchBenches(): BenchResult[] {
  const job = medianOf3(bigJob);
  const cron = cronWeek();
  const year = medianOf3(cronYear);
  return [
    { name: 'Job completions 10,000 / parallelism 500 (median of 3)', value: job.ms, unit: 'ms', budget: 2000,
      note: `${job.succeeded} succeeded, ${job.simulated.toFixed(0)} s simulated; ${msList(job.runs)}` },
    { name: 'CronJob * * * * *: 365 simulated days (median of 3)', value: year.ms, unit: 'ms', budget: 1000,
      note: `${msList(year.runs)}; ${year.hoursSkipped} of 8760 hours fast-forwarded; at most ${year.maxObjects} objects stored at once, ${year.endObjects} at the end (${year.jobsAtEnd} Jobs: the history limit)` },
    { name: 'CronJob * * * * *: 7 days minute by minute', value: cron.ms, unit: 'ms',
      note: `no fast-forward: ${cron.jobsSeen} Jobs created, ${((cron.ms * 1000) / cron.jobsSeen).toFixed(0)} µs and ${(cron.tasks / cron.jobsSeen).toFixed(0)} clock tasks per Job, at most ${cron.maxObjects} objects stored at once` },
  ];
}
