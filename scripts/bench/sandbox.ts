// Sandbox budgets (issue 8), against a built site (`npx astro build` first; BENCH_DIST picks another outDir):
// - lesson page JS before interaction ≤ 40 KB gz: the Job lesson's <script> tags and everything they import
//   statically (dynamic import() waits for a scroll or a click); the island shell fetched when a sandbox
//   scrolls near is reported beside it;
// - sandbox interactive ≤ 1 s after the click (Chromium + astro preview): click on "Open sandbox" to editor,
//   terminal and simulator ready;
// - the picture at 60 fps with 500 pods: requestAnimationFrame intervals while a 500-pod Job plays at 60×.
// Browser figures are skipped, with a message, when Chromium is missing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import type { BenchResult } from '../bench.ts';

const LESSON = '/lessons/jobs/';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function gz(text: string | Buffer): number {
  return gzipSync(text, { level: 9 }).length;
}

/** Relative static imports of a built ES module (not `import()`): `import{a}from"./x.js"`, `import"./y.js"`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^"'();]*?\sfrom\s*|[^"'();]*?from)?\s*["'](\.{1,2}\/[^"']+)["']/g)) out.push(m[1]!);
  return out;
}

/** The gz bytes of `entries` and every module they import statically, each counted once. */
function closureGz(entries: string[], seen = new Set<string>()): number {
  let total = 0;
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    total += gz(code);
    for (const spec of staticImports(code)) queue.push(join(dirname(file), spec));
  }
  return total;
}

function pageJs(dist: string): BenchResult[] {
  const html = readFileSync(join(dist, 'lessons/jobs/index.html'), 'utf8');
  let inline = 0;
  const entries: string[] = [];
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    if (/type="application\/(ld\+)?json"/.test(attrs)) continue;
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (src) entries.push(join(dist, src.replace(/^\//, '')));
    else inline += gz(m[2]!);
  }
  const seen = new Set<string>();
  const loaded = inline + closureGz(entries, seen);
  // The shell the loader imports when a sandbox scrolls near (its dynamic import of mount-*.js).
  const loader = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
  const mount = /[`"'](?:\.\/|_astro\/)?(mount[^`"'/]*\.js)[`"']/.exec(loader)?.[1];
  const shell = mount ? closureGz([join(dist, '_astro', mount)], new Set(seen)) : NaN;
  const assets = join(dist, '_astro');
  const heavy = readdirSync(assets)
    .filter((f) => /^(setup|xterm|addon-fit|sim\.worker|yaml\.worker|editor\.worker|codicon|yaml)[.-]/.test(f))
    .reduce((n, f) => n + gz(readFileSync(join(assets, f))), 0);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => readFileSync(join(dist, m[1]!.replace(/^\//, '')), 'utf8'));
  return [
    { name: 'sandbox: lesson page JS before interaction', value: loaded / 1024, unit: 'KB gz', budget: 40 },
    { name: 'sandbox: island shell fetched when scrolled near', value: shell / 1024, unit: 'KB gz', note: 'Preact, the sandbox shell and the picture' },
    { name: 'sandbox: editor, terminal and workers fetched next', value: heavy / 1024, unit: 'KB gz', note: 'Monaco (+ codicon font), monaco-yaml and editor workers, xterm, the simulator worker; while the page is idle' },
    { name: 'sandbox: Monaco/xterm CSS in the lesson page head', value: css.filter((c) => /monaco|xterm/.test(c)).join('').length / 1024, unit: 'KB', budget: 0 },
  ];
}

/** A Job of 500 pods: 330 fit on the default cluster's three CPU nodes (110 pods each), the rest stay Pending. */
const JOB_500 = `apiVersion: batch/v1
kind: Job
metadata:
  name: parallel
spec:
  completions: 500
  parallelism: 500
  template:
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        command: ["sh", "-c", "sleep 120"]
        resources:
          requests: {cpu: 10m, memory: 16Mi}
      restartPolicy: Never
`;

/** `astro preview` of `dist` on `port`, once it answers; `stop` ends it (it may already be gone). */
export async function startPreview(dist: string, port: number): Promise<{ base: string; stop(): void }> {
  const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port), '--outDir', dist], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop() {
      // The preview server's process group may already be gone (it exits with the browser's last connection).
      try {
        if (server.pid) process.kill(-server.pid);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    },
  };
}

/**
 * The frame-rate scenario (also scripts/profile-sandbox.ts): the learner's edited file is the 500-pod Job (saved
 * edits set before load); opened, applied and playing at 60×, the cluster view in view, all 500 pods created.
 */
export async function playJob500(page: Page, base: string): Promise<Locator> {
  await page.addInitScript((text) => {
    localStorage.setItem('workload-lab:sandbox:v1:jobs-parallel', JSON.stringify({ version: 1, files: { 'parallel-job.yaml': text } }));
  }, JOB_500);
  await page.goto(base + LESSON);
  const section = page.locator('[data-sandbox="jobs-parallel"]');
  await section.scrollIntoViewIfNeeded();
  await section.getByRole('button', { name: 'Open sandbox' }).click();
  await section.locator('.sb-app[data-state="ready"]').waitFor({ timeout: 30_000 });
  await section.getByRole('button', { name: 'Apply' }).click();
  await section.locator('.sb-apply-status', { hasText: 'created' }).waitFor();
  await section.getByRole('combobox', { name: 'Speed' }).selectOption('60');
  await section.getByRole('button', { name: 'Play' }).click();
  // Clicking Play scrolls the toolbar into view; the learner then watches the picture, so bring it back.
  await section.locator('.pic-nodes').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /500 pods/.test(document.querySelector('[data-sandbox="jobs-parallel"] .pic-summary')?.textContent ?? ''), null, { timeout: 30_000 });
  return section;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function browserBenches(dist: string): Promise<BenchResult[]> {
  const { chromium } = await import('@playwright/test');
  const server = await startPreview(dist, 4351);
  const base = server.base;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Click → ready (performance marks of SandboxApp), in a fresh context each time (empty cache). Warm: the
    // learner scrolled to the sandbox and the page had a moment to fetch its code (what the loader does when a
    // sandbox is near). Cold: the click comes as soon as the sandbox is on screen.
    const openTimes = async (warm: boolean): Promise<number[]> => {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${base}${LESSON}#further-reading`, { waitUntil: 'networkidle' });
        const section = page.locator('[data-sandbox="jobs-pi"]');
        await section.scrollIntoViewIfNeeded();
        if (warm) {
          await page.waitForFunction(() => ['setup', 'xterm', 'sim.worker'].every((n) => performance.getEntriesByType('resource').some((r) => r.name.includes(`/${n}`))), null, { timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(500);
        }
        await page.evaluate(() => {
          document.querySelector('[data-sandbox="jobs-pi"] [data-sandbox-open]')!.addEventListener('click', () => performance.mark('bench:click'), { capture: true });
        });
        await section.getByRole('button', { name: 'Open sandbox' }).click();
        await page.waitForFunction(() => performance.getEntriesByName('sandbox:jobs-pi:ready').length > 0, null, { timeout: 30_000 });
        times.push(await page.evaluate(() => performance.getEntriesByName('sandbox:jobs-pi:ready')[0]!.startTime - performance.getEntriesByName('bench:click')[0]!.startTime));
        await context.close();
      }
      return times;
    };
    const warm = await openTimes(true);
    const cold = await openTimes(false);

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const section = await playJob500(page, base);
    const frames = await page.evaluate(() => new Promise<number[]>((resolve) => {
      const times: number[] = [];
      const end = performance.now() + 8000;
      requestAnimationFrame(function tick(t) {
        times.push(t);
        if (t < end) requestAnimationFrame(tick);
        else resolve(times);
      });
    }));
    const simulated = await section.locator('.sb-elapsed').textContent();
    await context.close();
    const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
    const seconds = (frames[frames.length - 1]! - frames[0]!) / 1000;
    const sorted = [...intervals].sort((a, b) => a - b);
    return [
      { name: 'sandbox: interactive after the click (median of 3)', value: median(warm), unit: 'ms', budget: 1000, note: `editor, terminal and simulator ready; runs: ${warm.map((o) => Math.round(o)).join(', ')} ms` },
      { name: 'sandbox: … clicked as soon as it scrolled into view', value: median(cold), unit: 'ms', note: `code still loading; runs: ${cold.map((o) => Math.round(o)).join(', ')} ms` },
      { name: 'sandbox: picture frame rate, 500 pods at 60×', value: intervals.length / seconds, unit: 'fps', note: `8 s of play, simulated clock at ${simulated}` },
      { name: 'sandbox: mean frame interval, 500 pods at 60×', value: (seconds * 1000) / intervals.length, unit: 'ms', budget: 17.5 },
      { name: 'sandbox: p95 frame interval, 500 pods at 60×', value: sorted[Math.floor(sorted.length * 0.95)]!, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    server.stop();
  }
}

export async function sandboxBenches(): Promise<BenchResult[]> {
  const dist = process.env.BENCH_DIST ?? 'dist';
  if (!existsSync(join(dist, 'lessons/jobs/index.html'))) {
    console.log(`sandbox benches skipped: no built Job lesson in ${dist} (run npx astro build first)`);
    return [];
  }
  const results = pageJs(dist);
  if (!existsSync(CHROMIUM)) {
    console.log(`sandbox browser benches skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return results;
  }
  return [...results, ...(await browserBenches(dist))];
}
