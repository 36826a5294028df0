// One group of engine benchmarks in a fresh process, its results as JSON on stdout (scripts/bench.ts runs each
// group this way: a group's figures do not depend on the heap and caches the groups before it left behind).
export {};

const group = process.argv[2];
const runners: Record<string, () => Promise<unknown[]>> = {
  validation: async () => (await import('./validation.ts')).validationBenches(),
  simulation: async () => (await import('./simulation.ts')).simulationBenches(),
  batch: async () => (await import('./batch.ts')).batchBenches(),
  picture: async () => (await import('./picture.ts')).pictureBenches(),
};
const run = group ? runners[group] : undefined;
if (!run) {
  console.error(`usage: node scripts/bench/group.ts ${Object.keys(runners).join('|')}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await run()));
