// Batch workloads (issue 5): a Job with completions 10,000 and parallelism 500 (budget ≤ 2 s wall), and a
// `* * * * *` CronJob (budget: 365 simulated days ≤ 1 s). The CronJob is measured over 7 simulated days with every
// controller running and the year is projected from it (the full year would take the bench minutes); the
// projection is labelled as such. Every minute is a Job with a Pod that is scheduled, started, completed and
// deleted by the history limit, with its events: the note gives the cost per Job, the figure that decides how
// far this can go (see the issue for the breakdown).
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { defaultControllers } from '../../src/engine/sim/default-controllers.ts';
import { nodeManifest } from '../../src/engine/sim/default-cluster.ts';
import type { BenchResult } from '../bench.ts';

const nodes = () => Array.from({ length: 10 }, (_, i) => nodeManifest({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', ip: `10.0.${i}.10` }));

function bigJob(): { ms: number; simulated: number; succeeded: number } {
  const sim = new Simulation({ seed: 1, nodes: nodes(), controllers: defaultControllers() });
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

function cronWeek(): { ms: number; jobsSeen: number; maxObjects: number; tasks: number } {
  const sim = new Simulation({ seed: 1, controllers: defaultControllers() });
  let maxObjects = 0;
  let jobsSeen = 0;
  sim.api.watch(['Job'], (e) => {
    if (e.type === 'ADDED') jobsSeen++;
    maxObjects = Math.max(maxObjects, sim.api.count());
  });
  sim.apply({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox:1.36', command: ['sh', '-c', 'date; sleep 5'] }] } } } },
    },
  });
  const t = performance.now();
  const tasks = sim.clock.executed;
  for (let day = 1; day <= 7; day++) sim.runFor(24 * 3600_000);
  return { ms: performance.now() - t, jobsSeen, maxObjects, tasks: sim.clock.executed - tasks };
}

export function batchBenches(): BenchResult[] {
  const job = bigJob();
  const cron = cronWeek();
  return [
    { name: 'Job completions 10,000 / parallelism 500', value: job.ms, unit: 'ms', budget: 2000,
      note: `${job.succeeded} succeeded, ${job.simulated.toFixed(0)} s simulated` },
    { name: 'CronJob * * * * *: 7 simulated days', value: cron.ms, unit: 'ms',
      note: `${cron.jobsSeen} Jobs created, ${((cron.ms * 1000) / cron.jobsSeen).toFixed(0)} µs and ${(cron.tasks / cron.jobsSeen).toFixed(0)} clock tasks per Job, at most ${cron.maxObjects} objects stored at once` },
    { name: 'CronJob * * * * *: 365 days (projected from 7)', value: (cron.ms * 365) / 7, unit: 'ms', budget: 1000 },
  ];
}
