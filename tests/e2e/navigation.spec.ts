import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';

const unused = (() => {
  for (let p = 64431; ; p++) if (!model.ports.includes(p)) return p;
})();

test('short links /N and /N/ redirect to the port page', async ({ page }) => {
  for (const port of model.ports) {
    for (const path of [`/${port}`, `/${port}/`]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/ports/${port}/$`));
    }
  }
});

test('404 for a port Canonical Kubernetes never uses says so and lists the nearest ports', async ({
  page,
}) => {
  const response = await page.goto(`/ports/${unused}/`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('#not-found-message')).toContainText(
    `Port ${unused} is not used by Canonical Kubernetes`,
  );
  const nearest = model.nearestPorts(unused);
  const links = page.locator('#not-found-hint a[href^="/ports/"]');
  await expect(links).toHaveText(nearest.map(String));
  await expect(page.locator('#not-found-hint a[href^="/check/"]')).toHaveAttribute(
    'href',
    `/check/#ports=${unused}`,
  );
});

test('404 handles out-of-range numbers, non-numbers and short forms', async ({ page }) => {
  await page.goto('/ports/70000/');
  await expect(page.locator('#not-found-message')).toContainText('not a valid port');
  await page.goto('/ports/0/');
  await expect(page.locator('#not-found-message')).toContainText('not a valid port');
  await page.goto('/ports/ssh/');
  await expect(page.locator('#not-found-message')).toContainText('not a port number');
  await page.goto(`/${unused}`);
  await expect(page.locator('#not-found-message')).toContainText(`Port ${unused} is not used`);
});

test('404 without JavaScript still lists every port', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/ports/${unused}/`);
  const slugs = [...new Set(model.ranges.map((r) => `${r.port}-${r.endPort}`))];
  await expect(page.locator('#known-ports a')).toHaveCount(model.ports.length + slugs.length);
  await expect(page.locator('#not-found-ranges a')).toHaveText(slugs);
  for (const slug of slugs)
    await expect(page.locator(`#not-found-ranges a[href="/ports/${slug}/"]`)).toHaveCount(1);
  await context.close();
});

test('the theme toggle switches and remembers the theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/ports/6443/');
  const toggle = page.locator('.theme-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto('/services/kubelet/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);
});

test('"/" focuses the search box from anywhere on the page', async ({ page }) => {
  await page.goto('/ports/');
  await page.keyboard.press('/');
  await expect(page.locator('#site-search')).toBeFocused();
});

test('pages load no third-party resources', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) foreign.push(r.url());
  });
  for (const path of ['/', '/ports/', '/ports/6443/', '/services/kubelet/', '/releases/'])
    await page.goto(path);
  expect(foreign).toEqual([]);
});

test('tables stay usable at 360px: the page itself does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/ports/', '/ports/6443/', '/services/cilium-agent/']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
