// `npm test`: every check in order — types, unit tests, the site build, end-to-end and accessibility tests in
// Chromium — then one closing line in the form CI reads: `tests: N passed, N failed`.
// Type checks and the build count as one test each; unit and browser tests are counted from their JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function countStep(label, ok) {
  if (ok) passed++;
  else { failed++; failures.push(label); }
}

function countVitest(file, ok) {
  if (!existsSync(file)) return countStep('unit tests (no report)', false);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (r.numFailedTests) failures.push(`${r.numFailedTests} unit test(s)`);
  if (r.numPendingTests || r.numTodoTests) failures.push('skipped or todo unit tests are not allowed');
  if (!ok && r.numFailedTests === 0) countStep('unit test run (suite error)', false);
}

function countPlaywright(file, ok) {
  if (!existsSync(file)) return countStep('end-to-end tests (no report)', false);
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  passed += s.expected;
  failed += s.unexpected + s.flaky + s.skipped;
  if (s.unexpected) failures.push(`${s.unexpected} end-to-end test(s)`);
  if (s.skipped) failures.push('skipped end-to-end tests are not allowed');
  if (!ok && s.unexpected === 0) countStep('end-to-end run (suite error)', false);
}

countStep('astro check', run('types (site)', 'npx', ['astro', 'check']));
countStep('tsc engine', run('types (engine, Node rules)', 'npx', ['tsc', '-p', 'tsconfig.node.json']));
countVitest('reports/unit.json', run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/unit.json']));
const built = run('build', 'npx', ['astro', 'build']);
countStep('astro build', built);
if (built) countPlaywright('reports/e2e.json', run('end-to-end + accessibility', 'npx', ['playwright', 'test']));
else countStep('end-to-end (not run: build failed)', false);

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
