import { expect, test } from '@playwright/test';

const PROGRESS_KEY = 'workload-lab:progress:v1';

test('the home page shows the workload map and links to every lesson', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kubernetes');
  const map = page.getByRole('table');
  for (const w of ['Pod', 'ReplicaSet / Deployment', 'Job', 'CronJob', 'TFJob', 'PyTorchJob']) {
    await expect(map.getByRole('rowheader', { name: new RegExp(`^${w.replace('/', '\\/')}`) })).toBeVisible();
  }
  const lessons = page.locator('#lessons .lesson-card');
  expect(await lessons.count()).toBeGreaterThan(0);
  await lessons.first().click();
  await expect(page).toHaveURL(/\/lessons\/[^/]+\/$/);
  await expect(page.getByRole('navigation', { name: 'Course lessons' })).toBeVisible();
});

test('a lesson has a table of contents whose links reach their headings', async ({ page }) => {
  await page.goto('/lessons/pods/');
  await expect(page.getByRole('heading', { level: 1, name: 'Pods' })).toBeVisible();
  const rail = page.getByRole('complementary', { name: 'On this page' });
  const firstLink = rail.getByRole('link').first();
  const target = (await firstLink.getAttribute('href'))!;
  await firstLink.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();
});

test('marking a lesson complete persists across a reload and shows on the home page', async ({ page }) => {
  await page.goto('/lessons/pods/');
  const button = page.getByRole('button', { name: 'Mark as complete' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(page.getByRole('button', { name: 'Completed' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Completed' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('nav[aria-label="Course lessons"] li[data-lesson-slug="pods"]')).toHaveAttribute('data-complete', '');
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!), PROGRESS_KEY);
  expect(stored.version).toBe(1);
  expect(Object.keys(stored.completed)).toEqual(['pods']);
  await page.goto('/');
  await expect(page.locator('#lessons li[data-lesson-slug="pods"]')).toHaveAttribute('data-complete', '');
  await expect(page.locator('#lessons [data-progress-count]')).toContainText('1 of');
  // And undo.
  await page.goto('/lessons/pods/');
  await page.getByRole('button', { name: 'Completed' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'false');
});

test('corrupt progress in storage does not break the page and is set aside, not wiped', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, '{"version":1,"completed":');
      sessionStorage.setItem('seeded', '1');
    }
  }, PROGRESS_KEY);
  await page.goto('/lessons/pods/');
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toBeVisible();
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('workload-lab:progress:unreadable:')).map((k) => localStorage.getItem(k)));
  expect(backups).toEqual(['{"version":1,"completed":']);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Completed' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the theme follows the system and a chosen theme survives a reload', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(16, 19, 26)');
  await page.getByLabel('Theme').selectOption('light');
  expect(await bg()).toBe('rgb(251, 251, 253)');
  await page.reload();
  expect(await bg()).toBe('rgb(251, 251, 253)');
  await expect(page.getByLabel('Theme')).toHaveValue('light');
  await page.getByLabel('Theme').selectOption('system');
  expect(await bg()).toBe('rgb(16, 19, 26)');
  await context.close();
});

test('keyboard: the skip link is the first stop and moves focus to the content', async ({ page }) => {
  await page.goto('/lessons/pods/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next Tab lands inside the lesson, not back in the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('#main'));
  expect(inMain).toBe(true);
});

test('at phone width nothing overflows horizontally', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const path of ['/', '/lessons/pods/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await context.close();
});
