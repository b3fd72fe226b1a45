import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

const compose = readFileSync(
  new URL('../fixtures/own/compose-long-syntax.yaml', import.meta.url),
  'utf8',
);

test('after one visit, the checker works offline, YAML parser included', async ({
  page,
  context,
}) => {
  await page.goto('/ports/6443/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await context.setOffline(true);
  await page.goto('/check/');
  await page.locator('#input').fill(compose.replace(/^#.*\n/gm, ''));
  await expect(page.locator('#results')).toContainText('Read as Compose file');
  await expect(page.locator('#findings tbody tr').first()).toBeVisible();
  await context.setOffline(false);
});

test('a page visited once reads offline', async ({ page, context }) => {
  await page.goto('/services/kubelet/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await context.setOffline(true);
  await page.goto('/services/kubelet/');
  await expect(page.locator('h1')).toHaveText('kubelet');
  await context.setOffline(false);
});
