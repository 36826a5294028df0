// The sandbox in the Job lesson (issue 8): open, edit, apply, run time, watch the picture and the event log,
// the kubectl terminal, editor markers, persistence, keyboard-only use and accessibility.
// Expected cluster behaviour from the reference: §4.4 (how many pods run), §4.6 (back-off, backoffLimit),
// §4.8 (terminal conditions and events), §1.6 (kubectl get pods STATUS), §7.3–7.4 (kubectl's texts).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const LESSON = '/lessons/jobs/';
const STORAGE_PREFIX = 'workload-lab:sandbox:v1:';
const piText = readFileSync('content/lessons/jobs/pi-job.yaml', 'utf8');
const piName = /^metadata:\n {2}name: (\S+)/m.exec(piText)![1]!;
const failingName = /^metadata:\n {2}name: (\S+)/m.exec(readFileSync('content/lessons/jobs/failing-job.yaml', 'utf8'))![1]!;

async function openSandbox(page: Page, id: string): Promise<Locator> {
  const section = page.locator(`[data-sandbox="${id}"]`);
  await section.scrollIntoViewIfNeeded();
  await section.getByRole('button', { name: 'Open sandbox' }).click();
  await expect(section.locator('.sb-app')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  return section;
}

function terminalLog(section: Locator): Locator {
  return section.getByRole('log', { name: 'Terminal output' });
}

async function typeInTerminal(page: Page, section: Locator, line: string): Promise<void> {
  await section.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function play(section: Locator, speed: string): Promise<void> {
  await section.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
  await section.getByRole('button', { name: 'Play' }).click();
}

/** Line numbers (1-based) that carry a squiggle of the given severities in the sandbox's editor. */
async function markedLines(section: Locator, classes: string[]): Promise<number[]> {
  return section.locator('.monaco-editor').evaluate((ed, cls) => {
    const tops = new Set([...ed.querySelectorAll(cls.map((c) => `.${c}`).join(','))].map((s) => (s.parentElement as HTMLElement).style.top));
    return [...ed.querySelectorAll<HTMLElement>('.margin-view-overlays > div')]
      .filter((d) => tops.has(d.style.top))
      .map((d) => Number(d.textContent))
      .sort((a, b) => a - b);
  }, classes);
}

/** Replaces editor line `line` (after its indentation) with `text`, by keyboard. */
async function replaceLine(page: Page, section: Locator, line: number, text: string): Promise<void> {
  await section.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text);
}

const lineOf = (needle: string) => piText.split('\n').findIndex((l) => l.includes(needle)) + 1;

test.describe('the Job lesson sandbox', () => {
  test('shows the manifest at once; the editor, terminal and simulator load only when a sandbox is near, never into <head>', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const heavy = (u: string) => /setup|xterm|sim\.worker|editor\.worker|yaml\.worker/.test(u);
    // "Near" is the loader's IntersectionObserver; here a stand-in that reports only when the test says so.
    await page.addInitScript(() => {
      const w = window as unknown as { __near: (() => void)[] };
      w.__near = [];
      window.IntersectionObserver = class {
        constructor(cb: IntersectionObserverCallback) {
          w.__near.push(() => cb([{ isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver));
        }
        observe() {}
        unobserve() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      } as unknown as typeof IntersectionObserver;
    });
    await page.goto(LESSON);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    // Before a sandbox is near and before any interaction, only the page's own small scripts ran.
    expect(requests.filter(heavy)).toEqual([]);
    const headCss = await page.evaluate(() => [...document.querySelectorAll('head link[rel=stylesheet], head style')].map((e) => e.outerHTML).join(''));
    expect(headCss).not.toMatch(/monaco|xterm|sb-app|pic-/);
    await expect(page.locator('[data-sandbox="jobs-pi"] .sandbox-preview')).toContainText('kind: Job');
    // A sandbox comes near: its code is fetched while the page is idle, before any click.
    await page.evaluate(() => (window as unknown as { __near: (() => void)[] }).__near.forEach((f) => f()));
    await expect.poll(() => requests.filter(heavy).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  test('the pi Job: apply, run time, its pod runs and completes in the picture and the event log, kubectl lists it', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-pi');
    await section.getByRole('button', { name: 'Apply' }).click();
    // §7.4: apply of a new object.
    await expect(section.locator('.sb-apply-status')).toHaveText(`job.batch/${piName} created`);
    await expect(terminalLog(section)).toContainText(`$ kubectl apply -f pi-job.yaml`);
    await play(section, '30');
    const pod = section.getByRole('button', { name: new RegExp(`^${piName}-[a-z0-9]{5}, `) });
    await expect(pod).toBeVisible();
    // §1.6: a succeeded pod's STATUS is Completed; §4.8: the Job's final event is Normal Completed "Job completed".
    await expect(section.getByRole('button', { name: new RegExp(`^${piName}-[a-z0-9]{5}, Completed`) })).toBeVisible({ timeout: 20_000 });
    await expect(section.locator('.pic-events')).toContainText('Job completed', { timeout: 10_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    await expect(section.locator('.sb-elapsed')).not.toHaveText('00:00:00');
    await typeInTerminal(page, section, 'kubectl get pods');
    await expect(terminalLog(section)).toContainText(new RegExp(`NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+${piName}-[a-z0-9]{5}\\s+0/1\\s+Completed\\s+0\\s+\\d+s`));
    expect(errors).toEqual([]);
  });

  test('the failing Job retries within backoffLimit and then fails with BackoffLimitExceeded', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-backoff');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toHaveText(`job.batch/${failingName} created`);
    await play(section, '120');
    // §4.6/§4.8: three failed pods with backoffLimit 2, then the Warning BackoffLimitExceeded event.
    await expect(section.locator('.pic-events')).toContainText('BackoffLimitExceeded', { timeout: 30_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    await typeInTerminal(page, section, 'kubectl get pods');
    const log = terminalLog(section);
    await expect(log).toContainText('STATUS');
    const text = (await log.textContent()) ?? '';
    expect(text.match(new RegExp(`${failingName}-[a-z0-9]{5}\\s+0/1\\s+Error`, 'g'))).toHaveLength(3);
  });

  test('the parallel Job never runs more than two pods at a time, stepping event by event', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-parallel');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toContainText('created');
    const summary = section.locator('.pic-summary');
    let maxRunning = 0;
    for (let i = 0; i < 120; i++) {
      await section.getByRole('button', { name: 'Step' }).click();
      const status = await section.locator('.sb-announce').textContent();
      const text = (await summary.textContent()) ?? '';
      maxRunning = Math.max(maxRunning, Number(/(\d+) Running/.exec(text)?.[1] ?? 0));
      if (status === 'Nothing is left to happen.') break;
    }
    expect(maxRunning).toBe(2);
    await expect(summary).toContainText('6 Succeeded');
  });

  test('a schema error typed into the editor is marked on its line, and Apply adds the API server\'s error there', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-pi');
    const line = lineOf('backoffLimit:');
    await replaceLine(page, section, line, 'backoffLimit: four');
    // monaco-yaml reports schema violations as warnings (../shared/notes/stack.md).
    await expect.poll(() => markedLines(section, ['squiggly-warning', 'squiggly-error']), { timeout: 10_000 }).toEqual([line]);
    await page.keyboard.press('Control+Enter');
    // §7.3: a decoding error is a BadRequest naming the file.
    await expect(section.locator('.sb-apply-status')).toContainText('Error from server (BadRequest): error when creating "pi-job.yaml": Job in version "v1" cannot be handled as a Job');
    await expect.poll(() => markedLines(section, ['squiggly-error'])).toEqual([line]);
  });

  test('edits survive a reload, and reset restores the lesson\'s version', async ({ page }) => {
    await page.goto(LESSON);
    let section = await openSandbox(page, 'jobs-pi');
    await replaceLine(page, section, lineOf('backoffLimit:'), 'backoffLimit: 2');
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), `${STORAGE_PREFIX}jobs-pi`)).toContain('backoffLimit: 2');
    await page.reload();
    section = await openSandbox(page, 'jobs-pi');
    await expect(section.locator('.monaco-editor .view-lines')).toContainText('backoffLimit: 2');
    await section.getByRole('button', { name: 'Reset to the lesson\'s version' }).click();
    await section.getByRole('button', { name: 'Replace my edits' }).click();
    await expect(section.locator('.monaco-editor .view-lines')).toContainText('backoffLimit: 4');
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), `${STORAGE_PREFIX}jobs-pi`)).toBeNull();
  });

  test('corrupt saved edits do not break the sandbox: the lesson\'s version opens', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((k) => localStorage.setItem(k, '{"version":1,"files":'), `${STORAGE_PREFIX}jobs-pi`);
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-pi');
    await expect(section.locator('.monaco-editor .view-lines')).toContainText('backoffLimit: 4');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toHaveText(`job.batch/${piName} created`);
    expect(errors).toEqual([]);
  });

  test('the terminal completes verbs, types and names, keeps a history, and prints errors', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-pi');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toContainText('created');
    await section.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl desc');
    await page.keyboard.press('Tab');
    await page.keyboard.type('job ');
    await page.keyboard.type(piName.slice(0, 1));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const log = terminalLog(section);
    await expect(log).toContainText(`$ kubectl describe job ${piName}`);
    await expect(log).toContainText(`Name:`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(async () => ((await log.textContent()) ?? '').split(`$ kubectl describe job ${piName}`).length - 1).toBe(2);
    await page.keyboard.type('kubectl get nope');
    await page.keyboard.press('Enter');
    await expect(log).toContainText('error: the server doesn\'t have a resource type "nope"');
    await expect(section.locator('.xterm-rows')).toContainText('the server doesn\'t have a resource type');
  });

  test('kubectl get pods -w streams while time runs, and Ctrl+C stops it', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-parallel');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toContainText('created');
    await typeInTerminal(page, section, 'kubectl get pods -w');
    const log = terminalLog(section);
    await expect(log).toContainText('$ kubectl get pods -w');
    await play(section, '10');
    // No pods at first: the header comes with the first one (§1.6 STATUS words as they change).
    await expect(log).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/, { timeout: 15_000 });
    await expect(log).toContainText(/\s1\/1\s+Running\s/, { timeout: 15_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    await section.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+C');
    await expect(section.locator('.xterm-rows')).toContainText('^C');
    await page.keyboard.type('kubectl get jobs');
    await page.keyboard.press('Enter');
    await expect(log).toContainText(/NAME\s+STATUS\s+COMPLETIONS/);
  });

  test('faults from the picture: crash a pod\'s container, fail and restore a node', async ({ page }) => {
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-parallel');
    await section.getByRole('button', { name: 'Apply' }).click();
    await play(section, '5');
    const running = section.getByRole('button', { name: /, Running/ }).first();
    await expect(running).toBeVisible({ timeout: 15_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    await section.getByRole('button', { name: /, Running/ }).first().click();
    const inspector = section.locator('.sb-inspector');
    await expect(inspector.locator('.sb-yaml')).toContainText('kind: Pod');
    await inspector.getByRole('spinbutton', { name: 'exit code' }).fill('3');
    await inspector.getByRole('button', { name: 'Crash container' }).click();
    const log = terminalLog(section);
    await expect(log).toContainText(/\$ lab crash \S+ --exit-code 3/);
    await expect(log).toContainText('crashed (exit code 3)');
    await section.getByRole('button', { name: 'node-1', exact: true }).click();
    await inspector.getByRole('button', { name: 'Fail node' }).click();
    await expect(log).toContainText('node/node-1 failed');
    await inspector.getByRole('button', { name: 'Restore node' }).click();
    await expect(log).toContainText('node/node-1 restored');
  });

  test('keyboard only: Tab to the sandbox, open it, apply with Ctrl+Enter, leave the editor with Esc, type in the terminal', async ({ page }) => {
    await page.goto(LESSON);
    const open = page.locator('[data-sandbox="jobs-pi"]').getByRole('button', { name: 'Open sandbox' });
    for (let i = 0; i < 200 && !(await open.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(open).toBeFocused();
    expect(await open.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    const section = page.locator('[data-sandbox="jobs-pi"]');
    await expect(section.locator('.sb-app')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect(section.locator('.sb-apply-status')).toHaveText(`job.batch/${piName} created`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
    const textarea = section.locator('.xterm-helper-textarea');
    for (let i = 0; i < 20 && !(await textarea.evaluate((t) => t === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(textarea).toBeFocused();
    await page.keyboard.type('kubectl get jobs');
    await page.keyboard.press('Enter');
    await expect(terminalLog(section)).toContainText(new RegExp(`NAME\\s+STATUS\\s+COMPLETIONS\\s+DURATION\\s+AGE\\s+${piName}\\s+Running`));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
  });

  test('the editor and the terminal follow the site theme as it changes', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-pi');
    const colours = () => Promise.all([
      section.locator('.monaco-editor-background').first().evaluate((e) => getComputedStyle(e).backgroundColor),
      section.locator('.xterm-rows').evaluate((e) => getComputedStyle(e).color),
    ]);
    // The site's --surface and --fg (src/styles/global.css): #ffffff / #1b1f29 in light, #171b24 / #e6e9f0 in dark.
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(27, 31, 41)']);
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(colours).toEqual(['rgb(23, 27, 36)', 'rgb(230, 233, 240)']);
    await context.close();
  });

  test('with many pods a node\'s pods are one grid: the keyboard walks it, Enter and a click select a pod, axe is clean', async ({ browser }) => {
    // 120 pods to run and an axe pass over the whole sandbox: more than the default 30 s on a busy 2-core machine.
    test.setTimeout(120_000);
    // 120 pods (more than the 80 shown as named chips), as the learner's saved edit of the parallel sandbox.
    const manyPods = readFileSync('content/lessons/jobs/parallel-job.yaml', 'utf8')
      .replace(/completions: \d+/, 'completions: 120').replace(/parallelism: \d+/, 'parallelism: 120');
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.addInitScript(([key, text]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, JSON.stringify({ version: 1, files: { 'parallel-job.yaml': text } }));
    }, [`${STORAGE_PREFIX}jobs-parallel`, manyPods] as const);
    await page.goto(LESSON);
    const section = await openSandbox(page, 'jobs-parallel');
    await section.getByRole('button', { name: 'Apply' }).click();
    await expect(section.locator('.sb-apply-status')).toHaveText('job.batch/parallel created');
    await play(section, '30');
    await expect(section.locator('.pic-summary')).toContainText('120 pods', { timeout: 30_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    const grids = section.getByRole('listbox', { name: /^Pods on node-\d$/ });
    await expect(grids.first()).toBeVisible();
    const grid = grids.first();
    await grid.focus();
    // The active pod is announced with its place among all of the node's pods.
    const option = grid.getByRole('option');
    await expect(option).toHaveAttribute('aria-posinset', '1');
    const size = Number(await option.getAttribute('aria-setsize'));
    expect(size).toBeGreaterThan(1);
    await page.keyboard.press('ArrowRight');
    await expect(option).toHaveAttribute('aria-posinset', '2');
    await page.keyboard.press('End');
    await expect(option).toHaveAttribute('aria-posinset', String(size));
    const name = /^(parallel-[a-z0-9]{5}), /.exec((await option.textContent()) ?? '')?.[1];
    expect(name).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect(section.locator('.sb-yaml')).toContainText(`name: ${name}`);
    await expect(option).toHaveAttribute('aria-selected', 'true');
    // A click on the first slot selects the node's first pod.
    await page.keyboard.press('Home');
    const first = /^(parallel-[a-z0-9]{5}), /.exec((await option.textContent()) ?? '')![1]!;
    await grid.locator('canvas').click({ position: { x: 12, y: 12 } });
    await expect(section.locator('.sb-yaml')).toContainText(`name: ${first}`);
    const results = await new AxeBuilder({ page }).include(`[data-sandbox="jobs-parallel"]`).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violations in the opened sandbox (${scheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(LESSON);
      const section = await openSandbox(page, 'jobs-parallel');
      await section.getByRole('button', { name: 'Apply' }).click();
      await play(section, '5');
      await expect(section.getByRole('button', { name: /, Running/ }).first()).toBeVisible({ timeout: 15_000 });
      await section.getByRole('button', { name: 'Pause' }).click();
      await section.getByRole('button', { name: /, Running/ }).first().click();
      await expect(section.locator('.sb-yaml')).toContainText('kind: Pod');
      await section.getByRole('button', { name: 'Keys' }).click();
      const results = await new AxeBuilder({ page }).include(`[data-sandbox="jobs-parallel"]`).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
      await context.close();
    });
  }
});
