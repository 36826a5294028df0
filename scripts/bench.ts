// `npm run bench`: performance figures against the budgets in the issues. Prints a table; exits 1 if a budget is
// exceeded. Wall-clock figures on a shared 2-core machine are noisy: each is the median of several runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { validationBenches } from './bench/validation.ts';
import { simulationBenches } from './bench/simulation.ts';
import { batchBenches } from './bench/batch.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  budget?: number;
  note?: string;
}

const results: BenchResult[] = [];

// The first validation after load must be measured in a fresh process.
const first = spawnSync(process.execPath, [join(import.meta.dirname, 'bench/first-validation.ts')], { encoding: 'utf8' });
if (first.status !== 0) {
  console.error(first.stderr);
  process.exit(2);
}
results.push(...(JSON.parse(first.stdout) as BenchResult[]));
results.push(...validationBenches());
results.push(...simulationBenches());
results.push(...batchBenches());
results.push(...(await import('./bench/picture.ts')).pictureBenches());
results.push(...(await (await import('./bench/sandbox.ts')).sandboxBenches()));

const width = Math.max(...results.map((r) => r.name.length));
let over = 0;
for (const r of results) {
  const within = r.budget === undefined ? '' : r.value <= r.budget ? `  ok (budget ${r.budget} ${r.unit})` : `  OVER BUDGET (${r.budget} ${r.unit})`;
  if (r.budget !== undefined && r.value > r.budget) over++;
  console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)} ${r.unit}${within}${r.note ? `  — ${r.note}` : ''}`);
}
process.exit(over ? 1 : 0);
