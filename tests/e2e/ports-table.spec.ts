import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';

const rows = (page: import('@playwright/test').Page) =>
  page.locator('#ports-table tbody tr:not([hidden])');

test('without JavaScript the full table is there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/ports/');
  await expect(page.locator('#ports-table tbody tr')).toHaveCount(model.endpoints.length);
  await expect(page.locator('#port-filters')).toBeHidden();
  await context.close();
});

test('filters narrow the table and land in the URL', async ({ page }) => {
  await page.goto('/ports/');
  await expect(rows(page)).toHaveCount(model.endpoints.length);
  await page.selectOption('select[name=role]', 'worker');
  const workers = model.endpoints.filter((e) => e.roles.includes('worker'));
  await expect(rows(page)).toHaveCount(workers.length);
  await expect(page).toHaveURL(/role=worker/);
  await page.selectOption('select[name=release]', model.latest.id);
  await page.selectOption('select[name=protocol]', 'tcp');
  const expected = workers.filter(
    (e) => e.protocol === 'tcp' && model.releasesOf(e).includes(model.latest.id),
  );
  await expect(rows(page)).toHaveCount(expected.length);
  await expect(page.locator('#port-filters .count')).toHaveText(
    `${expected.length} of ${model.endpoints.length} rows`,
  );
});

test('a filtered URL restores the same view', async ({ page }) => {
  const dqlite = model.endpoints.filter((e) => e.service === 'k8s-dqlite');
  await page.goto('/ports/?service=k8s-dqlite&release=1.32');
  await expect(page.locator('select[name=service]')).toHaveValue('k8s-dqlite');
  await expect(rows(page)).toHaveCount(dqlite.length);
  await page.goto(`/ports/?release=${model.latest.id}&service=k8s-dqlite`);
  await expect(rows(page)).toHaveCount(
    dqlite.filter((e) => model.releasesOf(e).includes(model.latest.id)).length,
  );
});

test('free text matches words anywhere in the row', async ({ page }) => {
  await page.goto('/ports/');
  await page.fill('#port-filters input[name=q]', 'gops');
  const gops = model.endpoints.filter((e) => /gops/i.test(e.description));
  await expect(rows(page)).toHaveCount(gops.length);
  await expect(page).toHaveURL(/q=gops/);
});

test('sorting by port, both directions, by keyboard', async ({ page }) => {
  await page.goto('/ports/');
  const portHeader = page.locator('#ports-table th').first().locator('button');
  await portHeader.focus();
  await page.keyboard.press('Enter');
  const numbers = async () =>
    (await rows(page).locator('td:first-child > a:first-child').allTextContents()).map((text) =>
      Number.parseInt(text, 10),
    );
  const asc = await numbers();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await page.keyboard.press('Enter');
  await expect(page.locator('#ports-table th').first()).toHaveAttribute('aria-sort', 'descending');
  const desc = await numbers();
  expect(desc).toEqual([...asc].sort((a, b) => b - a));
  await expect(page).toHaveURL(/sort=0&dir=desc/);
  await page.reload();
  expect(await numbers()).toEqual(desc);
});

test('clearing the filters shows every row again', async ({ page }) => {
  await page.goto('/ports/?protocol=udp');
  await expect(rows(page)).toHaveCount(model.endpoints.filter((e) => e.protocol === 'udp').length);
  await page.click('button[type=reset]');
  await expect(rows(page)).toHaveCount(model.endpoints.length);
});
