// Each main task with the keyboard alone, asserting where the focus goes at each step; focus
// outlines and borders that survive Windows' forced colours; and 200% zoom.
import { expect, test, type Page } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import { createChecker } from '../../src/checker/index.ts';
import { firewallPlan } from '../../src/firewall/plan.ts';
import { generateHost } from '../../src/firewall/generate.ts';

test.skip(() => test.info().project.name !== 'desktop', 'desktop keyboards');

/** Presses Tab until `selector` has the focus; fails when it never does. */
async function tabTo(page: Page, selector: string, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}` : '';
  });

test('search for a port and open it', async ({ page }) => {
  const port = model.ports.find((p) => model.byPort(p).length > 0)!;
  await page.goto('/');
  await page.keyboard.press('/');
  expect(await focused(page)).toBe('input#site-search');
  await page.keyboard.type(String(port));
  await expect(page.locator('#site-search-list [role=option]').first()).toHaveAttribute(
    'data-url',
    `/ports/${port}/`,
  );
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#site-search')).toHaveAttribute(
    'aria-activedescendant',
    'site-search-opt-0',
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/ports/${port}/$`));
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a');
  await expect(page.locator('.skip')).toBeFocused();
});

test('filter /ports/ and copy a row link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/ports/');
  await tabTo(page, '#port-filters input[name=q]');
  await page.keyboard.type('kubelet');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=kubelet/);
  const first = page.locator('#ports-table tbody tr:visible').first();
  const anchor = await first.getAttribute('id');
  await tabTo(page, `#ports-table tr#${anchor} a.anchor`);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toMatch(new RegExp(`/ports/#${anchor}$`));
});

test('paste into the checker, read the first conflict, follow its link', async ({ page }) => {
  const line = 'tcp LISTEN 0 4096 0.0.0.0:10250 0.0.0.0:* users:(("kubelet-old",pid=877,fd=9))';
  const report = await createChecker(model).check(line, model.node());
  const href = report.findings[0]!.endpoints[0]!.url;
  await page.goto('/check/');
  await tabTo(page, '#input');
  await page.keyboard.insertText(line);
  await expect(page.locator('#results tr.v-conflict')).toHaveCount(1);
  await tabTo(page, `#results tr.v-conflict a[href="${href}"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[#/]/g, '\\$&')}$`));
});

test('generate firewall rules and copy them', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/firewall/');
  await tabTo(page, '#fw-form select[name=role]');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#fw-form select[name=role]')).toHaveValue('worker');
  const expected = generateHost('ufw', firewallPlan(model, model.roleNode({ role: 'worker' })));
  await expect(page.locator('#fw-ufw')).toHaveText(expected.trimEnd());
  await tabTo(page, 'button.copy[data-copy="fw-ufw"]');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await page.evaluate(() => navigator.clipboard.readText())).trimEnd())
    .toBe(expected.trimEnd());
});

test('forced colours: bind tags, diagram bands and verdicts keep a border or their own text', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const marked = (selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        const border =
          (s.borderTopStyle !== 'none' && s.borderTopColor !== 'rgba(0, 0, 0, 0)') ||
          (s.stroke !== 'none' && s.stroke !== '' && s.stroke !== 'rgba(0, 0, 0, 0)');
        const text = (el.textContent ?? '').trim().length > 0;
        return border || text;
      }),
    );
  await page.goto('/ports/');
  const tags = await marked('.tag');
  expect(tags.length).toBeGreaterThan(10);
  expect(tags.every(Boolean)).toBe(true);
  await page.goto('/');
  const bands = await marked('svg.diagram rect.band');
  expect(bands.length).toBe(6);
  expect(bands.every(Boolean)).toBe(true);
  expect(await page.locator('svg.diagram text.band-label').count()).toBe(6);
  await page.goto('/check/');
  await page.locator('#input').fill('0.0.0.0:10250\n0.0.0.0:22');
  await expect(page.locator('#results table')).toBeVisible();
  const verdicts = await marked('#results td:nth-child(3), #results .summary li');
  expect(verdicts.length).toBeGreaterThan(3);
  expect(verdicts.every(Boolean)).toBe(true);
});

test('forced colours: the focus outline stays visible', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/');
  for (const selector of ['.skip', '.brand', '#site-search', 'svg.diagram a']) {
    await tabTo(page, selector);
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(outline, selector).not.toMatch(/^none/);
    expect(outline, selector).not.toMatch(/ 0px$/);
  }
});

for (const path of ['/', '/ports/', '/ports/6443/', '/check/', '/firewall/', '/guides/firewall/'])
  test(`200% zoom on a 1280 px window (640 CSS px): nothing on ${path} is cut off`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      640,
    );
    const outside = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          'main p, main li, main td, main th, main h1, main h2, header a',
        ),
      ]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const hidden = el.closest('.reflow thead, .visually-hidden, nav');
          return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5) && !hidden;
        })
        .map((el) => el.textContent?.trim().slice(0, 40)),
    );
    expect(outside).toEqual([]);
  });
