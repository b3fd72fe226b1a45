import { expect, test } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import {
  CLOUD_TOOLS,
  clusterPlan,
  firewallPlan,
  HOST_TOOLS as TOOLS,
  terraformFile,
} from '../../src/firewall/plan.ts';
import { generateCloud } from '../../src/firewall/terraform.ts';
import { SITE_URL } from '../../src/consts.ts';
import { generateHost as generate } from '../../src/firewall/generate.ts';
import { flows } from '../../src/view/guides.ts';
import { ruleRow } from '../../src/firewall/rows.ts';
import { mustCidr } from '../../src/domain/net.ts';

test('without JavaScript the page shows the control plane rules for every tool', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/firewall/');
  const plan = firewallPlan(model, model.roleNode({ role: 'control-plane' }));
  for (const tool of TOOLS)
    await expect(page.locator(`#fw-${tool}`)).toHaveText(generate(tool, plan).trimEnd());
  await expect(page.locator('#fw-rules tbody tr')).toHaveCount(plan.rules.length);
  await expect(page.locator('#flows tbody tr')).toHaveCount(flows(model, model.latest.id).length);
  await context.close();
});

test('options regenerate the rules and land in a shareable URL', async ({ page }) => {
  await page.goto('/firewall/');
  await page.selectOption('select[name=role]', 'worker');
  await page.fill('input[name=nodes]', '10.0.0.0/24');
  const plan = firewallPlan(
    model,
    model.roleNode({ role: 'worker', nodeCidrs: [mustCidr('10.0.0.0/24')] }),
  );
  await expect(page.locator('#fw-nftables')).toHaveText(generate('nftables', plan).trimEnd());
  await expect(page).toHaveURL(/role=worker/);
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.locator('#fw-ufw')).toHaveText(generate('ufw', plan).trimEnd());
});

test('a bad CIDR is reported, not turned into rules', async ({ page }) => {
  await page.goto('/firewall/');
  await page.fill('input[name=nodes]', '10.0.0.0/99');
  await expect(page.locator('#fw-error')).toContainText('not an IP address or CIDR');
});

test('copy buttons copy the ruleset', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/firewall/');
  await page.getByRole('button', { name: 'Copy iptables rules' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('*filter');
});

test('each release compares with its own UFW how-to, and says when it has none', async ({
  page,
}) => {
  for (const release of model.releases) {
    for (const datastore of release.datastores) {
      await page.goto(`/firewall/?release=${release.id}&datastore=${datastore}`);
      const plan = firewallPlan(
        model,
        model.roleNode({ release: release.id, role: 'control-plane', datastore }),
      );
      for (const r of plan.rules) {
        const cell = page
          .locator(`#fw-rules tr[data-port="${r.port}"][data-protocol="${r.protocol}"] td`)
          .last();
        await expect(cell).toHaveText(ruleRow(r).upstream);
        const opened = model
          .howtoIn(release.id)
          .some(
            (u) =>
              u.port === r.port && u.protocol === r.protocol && u.roles.includes('control-plane'),
          );
        if (opened) await expect(cell).toHaveText('also opens it');
      }
    }
  }
});

test('cloud rules: static downloads without JavaScript, and Terraform for the chosen options', async ({
  page,
  baseURL,
}) => {
  for (const tool of CLOUD_TOOLS) {
    const response = await page.request.get(`/downloads/terraform/${terraformFile(tool)}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(
      generateCloud(tool, clusterPlan(model, {}), { origin: SITE_URL }),
    );
  }
  await page.goto('/firewall/');
  await page.selectOption('#fw-cloud', 'terraform-gcp');
  await page.click('#fw-cloud-show');
  await expect(page.locator('#fw-terraform')).toHaveText(
    generateCloud('terraform-gcp', clusterPlan(model, {}), { origin: baseURL! }).trimEnd(),
  );
  await page.fill('input[name=clients]', '192.0.2.0/24');
  await page.selectOption('#fw-cloud', 'terraform-aws');
  await expect(page.locator('#fw-terraform')).toContainText('"192.0.2.0/24"');
  const download = page.waitForEvent('download');
  await page.click('#fw-terraform-download');
  expect((await download).suggestedFilename()).toBe('ck8s-aws.tf');
});
