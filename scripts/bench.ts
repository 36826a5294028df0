// `npm run bench`: performance figures against the budgets in the issues. Prints a table; exits 1 if a budget is
// exceeded. Wall-clock figures on a shared 2-core machine are noisy: each is the median of several runs, and each
// group of engine figures runs in a process of its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  budget?: number;
  note?: string;
}

const results: BenchResult[] = [];

/** Runs a bench script in a fresh process: each group is measured on its own, not on what the others left. */
function fresh(script: string, ...args: string[]): BenchResult[] {
  const r = spawnSync(process.execPath, ['--expose-gc', join(import.meta.dirname, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(2);
  }
  return JSON.parse(r.stdout) as BenchResult[];
}

// The first validation after load is measured in a process that has loaded nothing else.
results.push(...fresh('bench/first-validation.ts'));
for (const group of ['validation', 'simulation', 'batch', 'picture']) results.push(...fresh('bench/group.ts', group));
results.push(...(await (await import('./bench/sandbox.ts')).sandboxBenches()));

const width = Math.max(...results.map((r) => r.name.length));
let over = 0;
for (const r of results) {
  const within = r.budget === undefined ? '' : r.value <= r.budget ? `  ok (budget ${r.budget} ${r.unit})` : `  OVER BUDGET (${r.budget} ${r.unit})`;
  if (r.budget !== undefined && r.value > r.budget) over++;
  console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)} ${r.unit}${within}${r.note ? `  — ${r.note}` : ''}`);
}
process.exit(over ? 1 : 0);
