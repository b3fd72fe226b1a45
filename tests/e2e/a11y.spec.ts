// Zero axe-core violations (WCAG 2.2 AA tags, axe-core 4.14 or newer) on one page of each type and
// on the states a script shows, in light, dark and forced-colours modes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';

export const PAGE_TYPES = {
  overview: '/',
  'port table': '/ports/',
  port: `/ports/${model.ports[0]}/`,
  'port with two roles': `/ports/${model.ports.find((p) => model.byPort(p).length > 1)}/`,
  services: '/services/',
  service: `/services/${model.services[0]!.id}/`,
  releases: '/releases/',
  release: `/releases/${model.latest.id}/`,
  '404': '/ports/64431/',
  changelog: '/changelog/',
  api: '/api/v1/',
  checker: '/check/',
  search: '/search/?q=6443',
  guides: '/guides/',
  guide: '/guides/port-already-in-use/',
  firewall: '/firewall/',
  reach: '/reach/',
};

/** Pages in a state that only a script shows: a report, rules, search results. */
const STATES: Record<string, { path: string; act: (page: Page) => Promise<void> }> = {
  'checker with a report': {
    path: '/check/',
    act: async (page) => {
      await page
        .locator('#input')
        .fill('tcp LISTEN 0 4096 0.0.0.0:10250 0.0.0.0:* users:(("kubelet-old",pid=7,fd=9))\n22');
      await expect(page.locator('#results table')).toBeVisible();
    },
  },
  'firewall with output': {
    path: '/firewall/?role=worker',
    act: async (page) => {
      await page.click('#fw-cloud-show');
      await expect(page.locator('#fw-terraform')).toContainText('resource');
    },
  },
  'search with results': {
    path: '/',
    act: async (page) => {
      // The header's box on wide screens; on phones the search page, one tap away.
      if (await page.locator('#site-search').isVisible()) {
        await page.locator('#site-search').fill('kubelet');
        await expect(page.locator('#site-search-list [role=option]').first()).toBeVisible();
      } else {
        await page.goto('/search/?q=kubelet');
        await expect(page.locator('#search-results li').first()).toBeVisible();
      }
    },
  },
};

type Mode = 'light' | 'dark' | 'forced-colors';
const MODES: Mode[] = ['light', 'dark', 'forced-colors'];

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

async function emulate(page: Page, mode: Mode) {
  if (mode === 'forced-colors') await page.emulateMedia({ forcedColors: 'active' });
  else await page.emulateMedia({ colorScheme: mode });
}

for (const mode of MODES) {
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    test(`${type} page has no axe violations (${mode})`, async ({ page }) => {
      test.skip(
        mode === 'forced-colors' && test.info().project.name !== 'desktop',
        'forced colours: desktop',
      );
      await emulate(page, mode);
      await page.goto(path);
      expect(await axe(page)).toEqual([]);
    });
  }
  for (const [state, { path, act }] of Object.entries(STATES)) {
    test(`${state}: no axe violations (${mode})`, async ({ page }) => {
      test.skip(
        mode === 'forced-colors' && test.info().project.name !== 'desktop',
        'forced colours: desktop',
      );
      await emulate(page, mode);
      await page.goto(path);
      await act(page);
      expect(await axe(page)).toEqual([]);
    });
  }
}

test('keyboard: skip link first, then the main navigation', async ({ page }) => {
  await page.goto('/ports/6443/');
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.goto('/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator('.brand')).toBeFocused();
});
