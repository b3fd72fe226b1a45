// Every generated page shows what data/ says. Expectations come from the model, never a typed copy.
import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import { BIND_LABEL, ROLE_LABEL } from '../../src/domain/labels.ts';
import { isNetwork } from '../../src/domain/model.ts';
import { plainText } from '../../src/domain/inline.ts';
import { preflightMessage } from '../../src/view/guides.ts';
import type { endpointsExport, releaseExport } from '../../src/view/export.ts';

type EndpointsExport = ReturnType<typeof endpointsExport>;
type ReleaseExport = ReturnType<typeof releaseExport>;

const roleText = (roles: readonly string[]) =>
  roles.map((r) => ROLE_LABEL[r as keyof typeof ROLE_LABEL]).join(' and ');

for (const port of model.ports) {
  test(`port page ${port} shows each endpoint and the release matrix`, async ({ page }) => {
    const response = await page.goto(`/ports/${port}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toContainText(`Port ${port}`);
    for (const e of model.byPort(port)) {
      const section = page.locator(`section#${e.anchor}`);
      await expect(section.locator('h2')).toContainText(`${port}/${e.protocol}`);
      await expect(section.locator('h2')).toContainText(e.serviceName);
      await expect(section).toContainText(plainText(e.description));
      await expect(section).toContainText(BIND_LABEL[e.bind]);
      await expect(section).toContainText(
        e.placement === 'one-node' ? 'one node, chosen by the scheduler' : roleText(e.roles),
      );
      await expect(section).toContainText(model.releaseRange(e));
      await expect(section).toContainText(plainText(e.security));
      if (e.option) await expect(section).toContainText(e.option.name);
      await expect(section).toContainText(e.checks.length ? 'Tested' : 'Not tested');
      const row = page
        .locator('table.matrix tbody tr')
        .filter({ hasText: `${e.where}/${e.protocol} ${e.serviceName}` });
      const cells = row.locator('td');
      await expect(cells).toHaveCount(model.releases.length);
      for (const [i, r] of model.releases.entries()) {
        const a = model.availability(e, r.id);
        const expected =
          a.state === 'present'
            ? 'Present'
            : a.state === 'conditional'
              ? `Conditional: ${a.condition}`
              : `Absent: ${a.reason}`;
        await expect(cells.nth(i)).toHaveText(expected);
      }
    }
  });
}

const checkedPorts = [...new Set(model.checks.filter((c) => c.port > 0).map((c) => c.port))];
for (const port of checkedPorts) {
  test(`port page ${port} names k8sd's pre-flight check and its exact message`, async ({
    page,
  }) => {
    expect((await page.goto(`/ports/${port}/`))?.status()).toBe(200);
    const section = page.locator('section#preflight');
    for (const c of model.checks.filter((c) => c.port === port)) {
      await expect(section).toContainText(c.key);
      await expect(section).toContainText(preflightMessage(model, port, c.key));
      if (c.option) await expect(section).toContainText(c.option);
    }
    if (model.byPort(port).length === 0) {
      await expect(page.locator('.lede')).toContainText('Nothing of Canonical Kubernetes listens');
      await expect(page.locator('table.matrix')).toHaveCount(0);
    }
  });
}

const rangePages = [...new Set(model.ranges.map((e) => `${e.port}-${e.endPort}`))];
for (const slug of rangePages) {
  test(`range page ${slug} shows every endpoint of the range`, async ({ page }) => {
    expect((await page.goto(`/ports/${slug}/`))?.status()).toBe(200);
    await expect(page.locator('h1')).toContainText(`Port ${slug}`);
    for (const e of model.ranges.filter((r) => `${r.port}-${r.endPort}` === slug)) {
      const section = page.locator(`section#${e.anchor}`);
      await expect(section.locator('h2')).toContainText(`${slug}/${e.protocol}`);
      await expect(section).toContainText(plainText(e.description));
    }
  });
}

test('a number inside a range has no page of its own; the 404 page sends it to the range', async ({
  page,
}) => {
  const [slug] = rangePages;
  const inside = Number(slug!.split('-')[0]) + 80;
  expect((await page.request.get(`/ports/${inside}/`)).status()).toBe(404);
  await page.goto(`/ports/${inside}/`);
  await expect(page).toHaveURL(new RegExp(`/ports/${slug}/`));
});

test('port 9000 says plainly that 1.36 removed it', async ({ page }) => {
  const removed = model.ports.filter(
    (p) =>
      model.byPort(p).length > 0 &&
      model.byPort(p).every((e) => model.availability(e, model.latest.id).state === 'absent'),
  );
  expect(removed.length).toBeGreaterThan(0);
  for (const port of removed) {
    await page.goto(`/ports/${port}/`);
    await expect(page.locator('.note').first()).toContainText(`Not in ${model.latest.id}`);
  }
});

for (const service of model.services) {
  test(`service page ${service.id} lists all its endpoints`, async ({ page }) => {
    expect((await page.goto(`/services/${service.id}/`))?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(service.name);
    await expect(page.locator('.lede')).toHaveText(plainText(service.description));
    for (const name of service.processNames)
      await expect(page.locator('dl.facts')).toContainText(name);
    const endpoints = model.byService(service.id);
    await expect(page.locator('#endpoints tbody tr')).toHaveCount(endpoints.length);
    for (const e of endpoints)
      await expect(page.locator(`#endpoints tr#${e.anchor}`)).toContainText(e.where);
  });
}

for (const release of model.releases) {
  test(`release page ${release.id} shows exactly what it documents`, async ({ page }) => {
    expect((await page.goto(`/releases/${release.id}/`))?.status()).toBe(200);
    const documented = model.documentedIn(release.id);
    const network = documented.filter((x) => isNetwork(x.endpoint));
    await expect(
      page.locator('section[id$="-only"] tbody tr, section#all-nodes tbody tr'),
    ).toHaveCount(network.length);
    for (const { endpoint, availability } of network) {
      const row = page.locator(`tr#${endpoint.anchor}`);
      await expect(row).toContainText(endpoint.serviceName);
      await expect(row).toContainText(
        availability.state === 'present'
          ? 'yes'
          : availability.state === 'conditional'
            ? availability.condition
            : 'no',
      );
    }
    const diagramLinks = page.locator('svg.diagram a');
    const pills = network.reduce((n, x) => n + x.endpoint.roles.length, 0);
    await expect(diagramLinks).toHaveCount(pills);
    // Label in name: each box's accessible name is exactly its visible text, never cut.
    for (const x of network.slice(0, 6)) {
      const e = x.endpoint as { where: string; protocol: string; serviceName: string };
      const text = `${e.where}/${e.protocol}${x.availability.state === 'conditional' ? ' *' : ''} ${e.serviceName}`;
      await expect(diagramLinks.filter({ hasText: e.serviceName }).first()).toBeVisible();
      await expect(page.getByRole('link', { name: text, exact: true }).first()).toBeVisible();
    }
    const previous = model.releases[model.releases.indexOf(release) - 1];
    if (previous)
      await expect(page.locator('#changes li')).toHaveCount(
        model.diff(previous.id, release.id).length,
      );
  });
}

test('the releases page lists every computed change', async ({ page }) => {
  await page.goto('/releases/');
  for (const [i, r] of model.releases.slice(1).entries()) {
    const from = model.releases[i]!.id;
    const id = `changes-${from}-${r.id}`.replaceAll('.', '-');
    const changes = model.diff(from, r.id);
    const section = page.locator(`#${id}`);
    if (changes.length)
      await expect(section.locator('> ul:not(.note) > li')).toHaveCount(changes.length);
    for (const c of changes)
      await expect(section).toContainText(`${c.endpoint.where}/${c.endpoint.protocol}`);
  }
});

test('the overview follows the latest release and splits by role', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toContainText(model.latest.id);
  const latest = model.documentedIn(model.latest.id).filter((x) => isNetwork(x.endpoint));
  const all = latest.filter((x) => x.endpoint.roles.length === 2);
  await expect(page.locator('#all-nodes tbody tr')).toHaveCount(all.length);
  const [socket] = model.byService('containerd');
  await expect(page.locator('#socket')).toContainText(socket!.where);
  await expect(page.locator('#how-to-read')).toBeVisible();
});

test('every page carries provenance and a report link', async ({ page }) => {
  for (const path of ['/', '/ports/6443/', '/services/kubelet/', '/releases/1.36/']) {
    await page.goto(path);
    const footer = page.locator('footer');
    await expect(footer).toContainText(model.ref.meta.dataVersion);
    await expect(footer).toContainText(model.ref.meta.upstreamRead);
    await expect(footer.getByRole('link', { name: 'Report an error' })).toHaveAttribute(
      'href',
      /^https:/,
    );
    await expect(footer.getByRole('link', { name: 'Data changelog' })).toHaveAttribute(
      'href',
      '/changelog/',
    );
  }
});

test('exports match the data', async ({ request }) => {
  const json = (await (await request.get('/api/v1/endpoints.json')).json()) as EndpointsExport;
  expect(json.schemaVersion).toBe(1);
  expect(json.endpoints.map((e: { id: string }) => e.id)).toEqual(
    model.endpoints.map((e) => e.anchor),
  );
  for (const r of model.releases) {
    const rel = (await (
      await request.get(`/api/v1/releases/${r.id}.json`)
    ).json()) as ReleaseExport;
    expect(rel.endpoints.length).toBe(model.documentedIn(r.id).length);
  }
  const csv = await request.get('/api/v1/endpoints.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(model.endpoints.length + 1);
});
