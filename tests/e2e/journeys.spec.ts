// The few things people do from a runbook link, on every device project: find a port, check a
// paste, get firewall rules. Expectations come from the data and the libraries.
import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import { createChecker } from '../../src/checker/index.ts';

test('a port number typed into search opens its page', async ({ page }) => {
  const port = model.ports.find((p) => model.byPort(p).length > 0)!;
  await page.goto(`/search/?q=${port}`);
  const first = page.locator('#site-search-list [role=option], main a[href^="/ports/"]').first();
  await expect(first).toBeVisible();
  await page.goto(`/ports/${port}/`);
  await expect(page.locator('h1')).toContainText(`Port ${port}`);
  await expect(page.locator('main section').first()).toBeVisible();
});

test('a pasted listener is checked and its conflict links to the port page', async ({ page }) => {
  const line = 'tcp LISTEN 0 4096 0.0.0.0:10250 0.0.0.0:* users:(("kubelet-old",pid=877,fd=9))';
  const report = await createChecker(model).check(line, model.node());
  expect(report.findings[0]!.verdict).toBe('conflict');
  await page.goto('/check/');
  await page.locator('#input').fill(line);
  const row = page.locator('#results tr.v-conflict').first();
  await expect(row).toBeVisible();
  const href = report.findings[0]!.endpoints[0]!.url;
  await row.locator(`a[href="${href}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[#/]/g, '\\$&')}$`));
});

test('firewall rules for a worker, readable on the page', async ({ page }) => {
  await page.goto('/firewall/?role=worker');
  await expect(page.locator('#rules')).toContainText('worker');
  await expect(page.locator('#fw-ufw')).toContainText('ufw allow');
  await expect(page.locator('#fw-rules tbody tr').first()).toBeVisible();
});
