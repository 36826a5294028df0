import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';

// Every built page, in both themes.
const lessonSlugs = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
const pages = ['/', '/404.html', ...lessonSlugs.map((s) => `/lessons/${s}/`)];

// axe walks every node of a long lesson (diagrams, tables, highlighted code): on a busy 2-core machine that can
// take longer than Playwright's default 30 s. A slow machine is not a violation.
test.describe.configure({ timeout: 120_000 });

for (const scheme of ['light', 'dark'] as const) {
  for (const path of pages) {
    test(`axe finds no violations on ${path} (${scheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
      await context.close();
    });
  }
}
