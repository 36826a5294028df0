#!/usr/bin/env node
// The workload-lab command line. Run through `npx workload-lab …` so that the project's Node 24 (which strips
// TypeScript types) runs it; the engine is TypeScript loaded as is.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`workload-lab needs Node 22.19 or newer (this is ${process.version}); run it as \`npx workload-lab\` from the project.`);
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
