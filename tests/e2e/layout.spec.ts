// Nothing hides off-screen: on phones every table reflows into labelled blocks, the header stays
// compact, the diagram stacks; on desktops the header is one line from 1024 px up.
import { expect, test, type Page } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';

const phone = () => test.info().project.name !== 'desktop';

/** Every cell of the first row of each table lies inside the viewport and is visible. */
async function firstRowsFit(page: Page, where: string) {
  const width = page.viewportSize()!.width;
  const tables = page.locator('main table');
  expect(await tables.count(), `${where} has tables`).toBeGreaterThan(0);
  for (const table of await tables.all()) {
    if (!(await table.isVisible())) continue;
    const cells = table.locator('tbody tr:visible').first().locator('td, th');
    for (const cell of await cells.all()) {
      await expect(cell).toBeVisible();
      const box = (await cell.boundingBox())!;
      expect(box.x, `${where}: a cell starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${where}: a cell ends on screen`).toBeLessThanOrEqual(width + 0.5);
    }
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );
}

const PAGES = ['/ports/', '/', `/releases/${model.latest.id}/`, '/services/kubelet/', '/firewall/'];

for (const path of PAGES)
  test(`${path}: every cell of the first row is on screen, and the first heading is near the top`, async ({
    page,
  }) => {
    test.skip(!phone(), 'phones only');
    await page.goto(path);
    await firstRowsFit(page, path);
    const h1 = (await page.locator('h1').boundingBox())!;
    expect(h1.y).toBeLessThanOrEqual(120);
  });

test('the checker report reflows after a paste, and the paste box does not wrap', async ({
  page,
}) => {
  test.skip(!phone(), 'phones only');
  await page.goto('/check/');
  const box = page.locator('#input');
  await expect(box).toHaveCSS('white-space', 'pre');
  expect(await box.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
  await box.fill(
    'tcp LISTEN 0 4096 0.0.0.0:10250 0.0.0.0:* users:(("kubelet-old",pid=877,fd=9))\n0.0.0.0:22',
  );
  await expect(page.locator('#results table')).toBeVisible();
  await firstRowsFit(page, '/check/ report');
});

test('the diagram stacks its two nodes, at about the body text size', async ({ page }) => {
  test.skip(!phone(), 'phones only');
  await page.goto('/');
  const nodes = page.locator('svg.diagram');
  await expect(nodes).toHaveCount(2);
  const [a, b] = [(await nodes.nth(0).boundingBox())!, (await nodes.nth(1).boundingBox())!];
  expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
  const scale = await nodes.nth(0).evaluate((svg) => {
    const s = svg as SVGSVGElement;
    return s.getBoundingClientRect().width / s.viewBox.baseVal.width;
  });
  expect(scale).toBeGreaterThan(0.9);
  const text = (await page.locator('svg.diagram a text').first().boundingBox())!;
  expect(text.x + text.width).toBeLessThanOrEqual(page.viewportSize()!.width);
});

test('the header keeps search one tap away', async ({ page }) => {
  test.skip(!phone(), 'phones only');
  await page.goto('/ports/6443/');
  const header = (await page.locator('.site-header').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(110);
  await page.locator('.search-link').tap();
  await expect(page).toHaveURL(/\/search\/$/);
  await expect(page.locator('main input[type=search]')).toBeVisible();
});

for (const width of [1024, 1280, 1920])
  test(`the header is one line at ${width} px`, async ({ page }) => {
    test.skip(phone(), 'desktops only');
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/ports/');
    const items = ['.brand', '.site-header nav li:last-child', '.search', '.theme-toggle'];
    const tops = await Promise.all(
      items.map(async (s) => (await page.locator(s).boundingBox())!.y),
    );
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
  });
