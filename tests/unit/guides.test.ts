// Guide facts follow the data: change a port in the data, and the guide changes with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import raw from '../../data/reference.json' with { type: 'json' };
import { createModel } from '../../src/domain/model.ts';
import { validateReference } from '../../src/domain/validate.ts';
import { configurable, flows, preflightByRole, preflightError } from '../../src/view/guides.ts';

function withPort(from: number, to: number) {
  const data = structuredClone(raw);
  for (const e of data.endpoints) if (e.port === from) e.port = to;
  return createModel(validateReference(data));
}

test('moving a pre-flight port moves it in the guide lists and error texts', () => {
  const original = createModel(validateReference(raw));
  const tested = preflightByRole(original, original.latest.id)[0]!.tested[0]!.endpoint;
  const moved = withPort(tested.port, 23456);
  const after = preflightByRole(moved, moved.latest.id)[0]!.tested.map((t) => t.endpoint.port);
  assert.ok(after.includes(23456));
  assert.ok(!after.includes(tested.port));
  assert.ok(preflightError(moved.byPort(23456)[0]!).startsWith('port 23456 (needed by: '));
});

test('moving a reachable port moves it in the firewall flows; options follow too', () => {
  const original = createModel(validateReference(raw));
  const flow = flows(original, original.latest.id)[0]!;
  const moved = withPort(flow.endpoint.port, 23457);
  assert.ok(flows(moved, moved.latest.id).some((f) => f.endpoint.port === 23457));
  const option = configurable(original)[0]!;
  assert.ok(configurable(withPort(option.port, 23458)).some((e) => e.port === 23458));
});
