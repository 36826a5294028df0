// Screenshots of the built site for a human look: `npm run build && node scripts/screenshots.mjs [path...]`.
// Starts `astro preview`, shoots each page at desktop and phone width in light and dark, writes reports/screenshots/.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const port = 4330;
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/lessons/pods/'];
const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 200));
}
mkdirSync('reports/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const path of paths) {
    for (const [w, h, label] of [[1366, 900, 'desktop'], [360, 740, 'phone']]) {
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
        await page.goto(base + path);
        const name = `${path.replace(/\W+/g, '_') || 'home'}-${label}-${scheme}.png`;
        if (process.env.FULL === '1') {
          // The whole page, cut into screen-sized parts that an image viewer can show at full size.
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          for (let y = 0, i = 1; y < height; y += h, i++) {
            const part = name.replace(/\.png$/, `-part${String(i).padStart(2, '0')}.png`);
            await page.screenshot({ path: `reports/screenshots/${part}`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(h, height - y) } });
            console.log(`reports/screenshots/${part}`);
          }
        } else {
          await page.screenshot({ path: `reports/screenshots/${name}` });
          console.log(`reports/screenshots/${name}`);
        }
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  process.kill(-server.pid);
}
