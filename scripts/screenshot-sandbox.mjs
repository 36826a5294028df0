// Screenshots of an opened sandbox for a human look: `npx astro build && node scripts/screenshot-sandbox.mjs [path] [sandbox-id]`.
// Starts `astro preview`, opens the sandbox, applies the files, runs simulated time, selects a pod and runs
// `kubectl get pods`, then shoots desktop and phone in light and dark (and the desktop full-screen layout)
// into reports/screenshots/. Console errors are printed.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const port = 4361;
const path = process.argv[2] ?? '/lessons/jobs/';
const sandboxId = process.argv[3] ?? 'jobs-parallel';
const outDir = process.env.SANDBOX_DIST ? ['--outDir', process.env.SANDBOX_DIST] : [];
const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port), ...outDir], { stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 150; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 200));
}
mkdirSync('reports/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function openAndRun(page) {
  const section = page.locator(`[data-sandbox="${sandboxId}"]`);
  await section.scrollIntoViewIfNeeded();
  await section.getByRole('button', { name: 'Open sandbox' }).click();
  await section.locator('.sb-app[data-state="ready"]').waitFor({ timeout: 30_000 });
  await section.getByRole('button', { name: 'Apply' }).click();
  await section.getByRole('combobox', { name: 'Speed' }).selectOption('30');
  await section.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  await section.getByRole('button', { name: 'Pause' }).click();
  const terminal = section.locator('.xterm-helper-textarea');
  await terminal.focus();
  await page.keyboard.type('kubectl get pods');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  const pod = section.getByRole('button', { name: /^[a-z0-9-]+-[a-z0-9]{5}, / }).first();
  if (await pod.count()) await pod.click();
  await page.waitForTimeout(400);
  return section;
}

try {
  for (const [w, h, label] of [[1366, 900, 'desktop'], [360, 740, 'phone']]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
      page.on('console', (m) => m.type() === 'error' && console.log(`[${label}-${scheme}] console error: ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[${label}-${scheme}] page error: ${e.message}`));
      await page.goto(base + path);
      const section = await openAndRun(page);
      const name = `sandbox-${sandboxId}-${label}-${scheme}`;
      await section.screenshot({ path: `reports/screenshots/${name}.png` });
      console.log(`reports/screenshots/${name}.png`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) console.log(`[${label}-${scheme}] horizontal page overflow: ${overflow}px`);
      if (label === 'desktop') {
        await section.getByRole('button', { name: 'Full screen' }).click();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `reports/screenshots/${name}-fullscreen.png` });
        console.log(`reports/screenshots/${name}-fullscreen.png`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  process.kill(-server.pid);
}
