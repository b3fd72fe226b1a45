import { expect, test, type Page } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';

const range = `${model.releases[0]!.id}–${model.latest.id}`;
const unusedPorts = [64431, 8080].filter((p) => !model.ports.includes(p));
const box = (page: Page) => page.locator('#site-search');
const options = (page: Page) => page.locator('#site-search-list [role=option]');

async function type(page: Page, text: string) {
  await box(page).click();
  await box(page).fill(text);
}

test('no Pagefind request before the search box is used, and it loads on focus', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto('/ports/6443/');
  await page.waitForLoadState('networkidle');
  expect(requests.filter((p) => p.startsWith('/pagefind/') || p === '/search/ports.json')).toEqual(
    [],
  );
  await box(page).focus();
  await expect.poll(() => requests.some((p) => p.startsWith('/pagefind/'))).toBe(true);
});

for (const q of ['6443', '6443/tcp', 'tcp 6443', ':6443', 'port 6443', 'what is 6443?']) {
  test(`"${q}" puts /ports/6443/ first as an exact match`, async ({ page }) => {
    await page.goto('/');
    await type(page, q);
    await expect(options(page).first()).toHaveAttribute('data-url', '/ports/6443/');
    await expect(options(page).first()).toContainText('exact');
  });
}

for (const port of unusedPorts) {
  test(`"${port}" says it is not used and offers no wrong page`, async ({ page }) => {
    await page.goto('/');
    await type(page, String(port));
    await expect(page.locator('.search-msg')).toContainText(
      `${port} is not used by Canonical Kubernetes ${range}`,
    );
    await expect(page.locator('.search-msg a')).toHaveAttribute('href', `/check/#ports=${port}`);
    const starting = model.ports.filter((p) => String(p).startsWith(String(port)));
    await expect(options(page)).toHaveCount(starting.length);
  });
}

test('a partial number says it is unused, then lists ports that start with it, marked partial', async ({
  page,
}) => {
  const prefix = '102';
  const starting = model.ports.filter((p) => String(p).startsWith(prefix));
  await page.goto('/');
  await type(page, prefix);
  await expect(page.locator('.search-msg')).toContainText(`${prefix} is not used`);
  await expect(options(page)).toHaveCount(starting.length);
  for (const [i, p] of starting.entries()) {
    await expect(options(page).nth(i)).toHaveAttribute('data-url', `/ports/${p}/`);
    await expect(options(page).nth(i)).toContainText('partial');
  }
});

test('a range lists every known port inside it', async ({ page }) => {
  await page.goto('/');
  await type(page, '10248-10260');
  await expect(options(page)).toHaveCount(
    model.ports.filter((p) => p >= 10248 && p <= 10260).length,
  );
});

for (const q of ['70000', '0']) {
  test(`"${q}" gets a clear out-of-range message`, async ({ page }) => {
    await page.goto('/');
    await type(page, q);
    await expect(page.locator('.search-msg')).toContainText('not a valid port');
  });
}

test('Enter on an exact match goes straight to the port page', async ({ page }) => {
  await page.goto('/services/');
  await type(page, '10250');
  await expect(options(page).first()).toContainText('exact');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ports\/10250\/$/);
});

test('keyboard only: "/" focuses, arrows move, Enter opens, Escape closes', async ({ page }) => {
  await page.goto('/ports/');
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('10248-10260');
  // Wait for the answer to the whole query, not to a prefix typed on the way.
  await expect(options(page)).toHaveCount(
    model.ports.filter((p) => p >= 10248 && p <= 10260).length,
  );
  await expect(page.locator('.search-msg')).toContainText('from 10248 to 10260');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box(page)).toHaveAttribute('aria-activedescendant', 'site-search-opt-1');
  await page.keyboard.press('Escape');
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  const url = await options(page).nth(0).getAttribute('data-url');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${url}$`));
});

for (const [q, expected, within] of [
  ['hubble', '/ports/4244/', 3],
  ['etcd', '/services/etcd/', 3],
  ['kubelet', '/services/kubelet/', 1],
  ['vxlan', '/ports/8472/', 3],
  ['gops', '/ports/9890/', 3],
] as const) {
  test(`words: "${q}" puts ${expected} in the top ${within}`, async ({ page }) => {
    await page.goto('/');
    await type(page, q);
    await expect(options(page).first()).toBeVisible();
    const urls = await options(page).evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.url),
    );
    expect(urls.slice(0, within)).toContain(expected);
  });
}

test('word results show title, port/protocol/service and a snippet', async ({ page }) => {
  await page.goto('/');
  await type(page, 'hubble');
  const hit = options(page).filter({ has: page.locator('strong', { hasText: 'Port 4244' }) });
  await expect(hit.locator('.detail')).toContainText('port 4244');
  await expect(hit.locator('.excerpt')).toContainText(/hubble/i);
});

test('/search/?q= is a real page that runs the query, with filters', async ({ page }) => {
  await page.goto('/search/?q=6443');
  await expect(page.locator('#search-results li').first()).toContainText('Port 6443');
  await page.goto('/search/?q=hubble&role=worker');
  await expect(page.locator('select[name=role]')).toHaveValue('worker');
  await expect(page.locator('#search-results a').first()).toBeVisible();
  const urls = await page
    .locator('#search-results a')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  const workerPorts = new Set(
    model.network.filter((e) => e.roles.includes('worker')).map((e) => `/ports/${e.port}/`),
  );
  for (const url of urls) if (url!.startsWith('/ports/')) expect(workerPorts.has(url!)).toBe(true);
});

test('the search form works without JavaScript, and the page lists every port', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/ports/');
  await page.fill('#site-search', 'kubelet');
  await page.press('#site-search', 'Enter');
  await expect(page).toHaveURL(/\/search\/\?q=kubelet$/);
  await expect(page.locator('main noscript')).toHaveCount(1);
  const html = await page.content();
  for (const p of model.ports) expect(html).toContain(`href="/ports/${p}/"`);
  await context.close();
});

const tested = model.checks.filter((c) => c.port > 0);
const serviceNames = new Set(model.services.map((s) => s.name.toLowerCase()));
for (const c of tested.filter((c, i) => tested.findIndex((o) => o.key === c.key) === i)) {
  test(`the check key "${c.key}" and its pasted message land on /ports/${c.port}/`, async ({
    page,
  }) => {
    await page.goto('/');
    if (!serviceNames.has(c.key)) {
      // A key that is also a service's name ("kubelet") is a word query: the service page wins.
      await type(page, c.key);
      await expect(page.locator('.search-msg')).toContainText(`"${c.key}" is the name`);
      await expect(options(page).first()).toHaveAttribute('data-url', `/ports/${c.port}/`);
    }
    await type(page, `port ${c.port} (needed by: ${c.key}) is already in use`);
    await expect(options(page).first()).toHaveAttribute('data-url', `/ports/${c.port}/`);
    await box(page).press('Enter');
    await expect(page).toHaveURL(new RegExp(`/ports/${c.port}/$`));
  });
}

const rangePages = model.ranges.filter(
  (r, i) => model.ranges.findIndex((o) => o.port === r.port && o.endPort === r.endPort) === i,
);
for (const r of rangePages) {
  const inside = r.port + 80;
  test(`"${inside}" is inside ${r.port}-${r.endPort} and goes to the range page`, async ({
    page,
  }) => {
    await page.goto('/');
    await type(page, String(inside));
    await expect(page.locator('.search-msg')).toContainText(
      `${inside} is inside ${r.port}-${r.endPort}`,
    );
    await expect(options(page).first()).toHaveAttribute(
      'data-url',
      `/ports/${r.port}-${r.endPort}/`,
    );
  });
}
