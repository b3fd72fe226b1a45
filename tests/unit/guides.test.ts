// Guide facts follow the data: change a port in the data, and the guide changes with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import raw from '../../data/reference.json' with { type: 'json' };
import { createModel } from '../../src/domain/model.ts';
import { validateReference } from '../../src/domain/validate.ts';
import { configurable, flows, preflightByRole, preflightError } from '../../src/view/guides.ts';

function withPort(from: number, to: number) {
  const data = structuredClone(raw);
  for (const e of [...data.endpoints, ...data.preflight]) if (e.port === from) e.port = to;
  return createModel(validateReference(data));
}

test('moving a pre-flight port moves it in the guide lists and error texts', () => {
  const original = createModel(validateReference(raw));
  const tested = preflightByRole(original, original.latest.id)[0]!.checks[0]!;
  const moved = withPort(tested.check.port, 23456);
  const after = preflightByRole(moved, moved.latest.id)[0]!.checks;
  assert.ok(after.some((c) => c.check.port === 23456));
  assert.ok(!after.some((c) => c.check.port === tested.check.port));
  assert.equal(
    after.find((c) => c.check.port === 23456)!.message,
    `port 23456 (needed by: ${tested.check.key}) is already in use`,
  );
  assert.equal(
    preflightError(moved, 'join', ['x', 'y']),
    `pre-init checks failed for joining node: Encountered error(s) while verifying port availability for Kubernetes services: x\ny`,
  );
});

test('moving a reachable port moves it in the firewall flows; options follow too', () => {
  const original = createModel(validateReference(raw));
  const flow = flows(original, original.latest.id)[0]!;
  const moved = withPort(flow.endpoint.port, 23457);
  assert.ok(flows(moved, moved.latest.id).some((f) => f.endpoint.port === 23457));
  const option = configurable(original)[0]!;
  assert.ok(configurable(withPort(option.port, 23458)).some((e) => e.port === 23458));
});
