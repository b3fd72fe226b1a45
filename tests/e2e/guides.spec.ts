// Every generated fact in a guide matches the data.
import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import { isNetwork } from '../../src/domain/model.ts';
import { GUIDES } from '../../src/view/guide-list.ts';
import {
  configurable,
  configurableChecks,
  exposedButUnneeded,
  flows,
  preflightByRole,
} from '../../src/view/guides.ts';

const ports = async (locator: import('@playwright/test').Locator) =>
  (
    await locator.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.port)))
  ).sort((a, b) => a - b);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

test('every guide is live, linked from the overview and the guide index', async ({ page }) => {
  await page.goto('/');
  for (const g of GUIDES) await expect(page.locator(`#guides a[href="${g.url}"]`)).toHaveCount(1);
  await page.goto('/guides/');
  for (const g of GUIDES) await expect(page.locator(`main a[href="${g.url}"]`)).toHaveCount(1);
  for (const g of GUIDES) {
    expect((await page.goto(g.url))?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(g.title);
  }
});

test('port and service pages link the guides that concern them', async ({ page }) => {
  for (const port of model.ports) {
    await page.goto(`/ports/${port}/`);
    for (const g of GUIDES) {
      const tested = model.checks.some((c) => c.port === port);
      const relevant =
        model.byPort(port).some((e) => g.relevantTo(e)) ||
        (tested && g.id === 'port-already-in-use');
      await expect(page.locator(`#related a[href="${g.url}"]`)).toHaveCount(relevant ? 1 : 0);
    }
  }
  await page.goto('/services/kubelet/');
  await expect(page.locator('#guides a')).not.toHaveCount(0);
});

test('"port already in use": the tested and untested ports per role, the errors, and the options', async ({
  page,
}) => {
  await page.goto('/guides/port-already-in-use/');
  for (const { role, checks, untested } of preflightByRole(model, model.latest.id)) {
    const section = page.locator(`#preflight-${role}`);
    expect(await ports(section.locator('ul.tested li'))).toEqual(
      sorted(checks.map((c) => c.check.port)),
    );
    expect(await ports(section.locator('ul.untested li'))).toEqual(
      sorted(untested.map((e) => e.port)),
    );
    for (const c of checks) await expect(section).toContainText(c.message);
  }
  expect(await ports(page.locator('#configurable li'))).toEqual(
    sorted([...configurable(model), ...configurableChecks(model)].map((e) => e.port)),
  );
  for (const e of configurable(model))
    await expect(page.locator('#configurable')).toContainText(e.option.name);
});

test('firewall: who must reach what, localhost ports never opened, and the discrepancies', async ({
  page,
}) => {
  await page.goto('/guides/firewall/');
  const expected = flows(model, model.latest.id);
  await expect(page.locator('#flows tbody tr')).toHaveCount(expected.length);
  for (const f of expected)
    await expect(
      page.locator(`#flows tr[data-port="${f.endpoint.port}"][data-to="${f.to}"]`),
    ).toHaveCount(1);
  const local = model
    .documentedIn(model.latest.id)
    .flatMap((x) =>
      isNetwork(x.endpoint) && x.endpoint.bind === 'localhost' ? [x.endpoint.port] : [],
    );
  expect(await ports(page.locator('#localhost-ports a'))).toEqual(sorted(local));
  expect(await ports(page.locator('#unneeded-ports a'))).toEqual(
    sorted(exposedButUnneeded(model, model.latest.id).map((e) => e.port)),
  );
  expect(await ports(page.locator('#discrepancies li'))).toEqual(
    sorted(model.ref.deviations.map((d) => d.port)),
  );
});

test('upgrades: every consecutive pair with its computed changes and notes', async ({ page }) => {
  await page.goto('/guides/upgrades/');
  for (const [i, r] of model.releases.slice(1).entries()) {
    const from = model.releases[i]!.id;
    const section = page.locator(`#upgrade-${from}-${r.id}`.replaceAll('.', '-'));
    const changes = model.diff(from, r.id);
    if (changes.length)
      await expect(section.locator('> ul:not(.note) > li')).toHaveCount(changes.length);
    await expect(section.locator('ul.note li')).toHaveCount(r.notes.length);
  }
});

test('security: one row per endpoint beyond loopback, with its security notes', async ({
  page,
}) => {
  await page.goto('/guides/security/');
  const rows = model.network.filter((e) => e.bind !== 'localhost');
  await expect(page.locator('#exposed tbody tr')).toHaveCount(rows.length);
  await expect(page.locator('a[href="/api/v1/endpoints.csv"]')).toHaveCount(1);
});

test('guides are found by search, including the error text', async ({ page }) => {
  for (const [q, url] of [
    ['already in use', '/guides/port-already-in-use/'],
    ['firewall', '/guides/firewall/'],
    ['forwarding', '/guides/firewall/'],
    ['PPSM', '/guides/security/'],
  ] as const) {
    await page.goto(`/search/?q=${encodeURIComponent(q)}`);
    await expect(page.locator('#search-results a').first()).toBeVisible();
    const urls = await page
      .locator('#search-results a')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(urls.slice(0, 3), q).toContain(url);
  }
});
