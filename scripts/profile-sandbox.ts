// Where the sandbox's frames go with 500 pods at 60× (the scenario of `npm run bench`'s frame-rate figure), for
// a developer chasing the budget: `PROFILE_BUILD=1 npx astro build --outDir /tmp/dist-prof` (readable names),
// then `SANDBOX_DIST=/tmp/dist-prof npx node scripts/profile-sandbox.ts [seconds]`. Prints the frame intervals, the
// long animation frames with the scripts that led them, and the functions with the most self time in a CPU profile
// of the page's main thread (PROFILE_EVAL runs a script in the page first, to try a change); writes the profile to reports/sandbox.cpuprofile (open it in Chromium's DevTools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { playJob500, startPreview } from './bench/sandbox.ts';

/** What the page reports of a long animation frame (PerformanceLongAnimationFrameTiming, not in TypeScript's DOM types yet). */
interface LoafEntry {
  startTime: number;
  duration: number;
  styleAndLayoutStart: number;
  scripts: { invokerType: string; invoker: string; duration: number; sourceFunctionName: string }[];
}
interface LongFrame {
  start: number;
  duration: number;
  style: number;
  scripts: string[];
}

const seconds = Number(process.argv[2] ?? 8);
const server = await startPreview(process.env.SANDBOX_DIST ?? 'dist', 4362);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  // PROFILE_EVAL: a script run in the page as soon as it loads (to try a change: hide a pane, add a CSS rule …).
  if (process.env.PROFILE_EVAL) await page.addInitScript(`addEventListener('DOMContentLoaded', () => { ${process.env.PROFILE_EVAL} })`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await playJob500(page, server.base);
  await cdp.send('Profiler.start');
  const { frames, loafs } = await page.evaluate((ms) => new Promise<{ frames: number[]; loafs: LongFrame[] }>((resolve) => {
    const loafs: LongFrame[] = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as LoafEntry[]) {
        loafs.push({
          start: Math.round(e.startTime), duration: Math.round(e.duration),
          style: Math.round(e.startTime + e.duration - e.styleAndLayoutStart),
          scripts: e.scripts.map((sc) => `${sc.invokerType} ${sc.invoker} ${Math.round(sc.duration)} ms (${sc.sourceFunctionName || '?'})`),
        });
      }
    }).observe({ type: 'long-animation-frame' });
    const frames: number[] = [];
    const end = performance.now() + ms;
    requestAnimationFrame(function tick(t) {
      frames.push(t);
      if (t < end) requestAnimationFrame(tick);
      else resolve({ frames, loafs });
    });
  }), seconds * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.PROFILE_SHOT) await page.screenshot({ path: process.env.PROFILE_SHOT });
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/sandbox.cpuprofile', JSON.stringify(profile));
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const span = (frames.at(-1)! - frames[0]!) / 1000;
  console.log(`${intervals.length} frames in ${span.toFixed(1)} s: ${(intervals.length / span).toFixed(1)} fps, mean ${(span * 1000 / intervals.length).toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
  console.log(`\n${loafs.length} long animation frames (${loafs.reduce((n, l) => n + l.duration, 0)} ms):`);
  for (const l of loafs) console.log(`  at ${l.start} ms: ${l.duration} ms (style+layout+paint ${l.style} ms)\n    ${l.scripts.join('\n    ')}`);
  // Self time per function (samples × interval), the top 25.
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  console.log('\nself time (ms):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
