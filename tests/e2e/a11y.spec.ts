// Zero axe-core violations (WCAG 2.2 AA tags) on one page of each type, in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
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
};

for (const scheme of ['light', 'dark'] as const) {
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    test(`${type} page has no axe violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const summary = results.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
      expect(summary).toEqual([]);
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
