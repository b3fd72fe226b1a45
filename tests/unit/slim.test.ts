// Browser bundles get the data without its prose (src/domain/slim.ts). Nothing they compute may change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { firewalld, model, reference } from '../../src/domain/data.ts';
import { createModel } from '../../src/domain/model.ts';
import { slimReference } from '../../src/domain/slim.ts';
import { ROLES } from '../../src/domain/enums.ts';
import { createChecker } from '../../src/checker/check.ts';
import {
  CLOUD_TOOLS,
  clusterPlan,
  firewallPlan,
  HOST_TOOLS as TOOLS,
} from '../../src/firewall/plan.ts';
import { generateCloud } from '../../src/firewall/terraform.ts';
import { generateHost as generate } from '../../src/firewall/generate.ts';
import { decodeInput } from '../../src/checker/decode.ts';
import { mustCidr } from '../../src/domain/net.ts';

const slim = createModel(slimReference(reference), { firewalld });
const full = createChecker(model);
const lean = createChecker(slim);

const fixtures = ['own', 'samples'].flatMap((dir) => {
  const at = new URL(`../fixtures/${dir}/`, import.meta.url);
  return readdirSync(at)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.yaml') || f.endsWith('.json'))
    .map((f) => ({ name: `${dir}/${f}`, text: decodeInput(readFileSync(new URL(f, at))) }));
});

test('the slim data leaves out the prose the pages show', () => {
  const lean = slimReference(reference);
  assert.deepEqual(lean.changelog, []);
  assert.deepEqual(lean.deviations, []);
  assert.ok(lean.endpoints.every((e) => !e.description && !e.security && !e.ifBlocked));
  assert.ok(lean.services.every((s) => !s.description));
  assert.ok(JSON.stringify(lean).length < JSON.stringify(reference).length * 0.7);
});

test('every fixture gets the same report and audit from the slim data', async () => {
  assert.ok(fixtures.length > 10);
  for (const release of model.releases)
    for (const role of ROLES)
      for (const { name, text } of fixtures) {
        const input = { release: release.id, role };
        assert.deepEqual(
          await lean.check(text, slim.node(input)),
          await full.check(text, model.node(input)),
          `${name} on ${release.id} ${role}`,
        );
        assert.deepEqual(
          await lean.audit(text, slim.roleNode(input, 'check')),
          await full.audit(text, model.roleNode(input, 'check')),
          `audit of ${name} on ${release.id} ${role}`,
        );
      }
});

test('every firewall ruleset is the same from the slim data', () => {
  for (const release of model.releases)
    for (const role of ROLES)
      for (const datastore of release.datastores) {
        const input = {
          release: release.id,
          role,
          datastore,
          nodeCidrs: [mustCidr('10.0.0.0/24')],
        };
        for (const tool of TOOLS)
          assert.equal(
            generate(tool, firewallPlan(slim, slim.roleNode(input))),
            generate(tool, firewallPlan(model, model.roleNode(input))),
            `${tool} ${release.id} ${role} ${datastore}`,
          );
      }
  for (const tool of CLOUD_TOOLS)
    assert.equal(
      generateCloud(tool, clusterPlan(slim, { monitoringCidrs: [mustCidr('10.0.9.0/24')] }), {
        origin: '',
      }),
      generateCloud(tool, clusterPlan(model, { monitoringCidrs: [mustCidr('10.0.9.0/24')] }), {
        origin: '',
      }),
      tool,
    );
});
