import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { firewallHint } from '../../src/view/firewall-hint.ts';

test('a range is allowed as a range, and only when its Services are used', () => {
  assert.ok(model.ranges.length > 0);
  for (const r of model.ranges) {
    const hint = firewallHint(r);
    assert.equal(hint.command, `sudo ufw allow ${r.port}:${r.endPort}/${r.protocol}`);
    assert.match(hint.text, new RegExp(`^Allow ${r.port}-${r.endPort}/${r.protocol} `));
    if (r.optIn) assert.match(hint.text, /only if you use NodePort or LoadBalancer Services/);
  }
});

test('an endpoint that exists under a condition says the condition', () => {
  const conditional = model.network.filter((e) => e.condition && e.reachableFrom !== 'none');
  assert.ok(conditional.length > 0);
  for (const e of conditional) assert.match(firewallHint(e).text, /, only when /, e.anchor);
});

test('loopback and unneeded ports get no allow command', () => {
  for (const e of model.network.filter((e) => e.reachableFrom === 'none')) {
    const hint = firewallHint(e);
    assert.equal(hint.command, undefined, e.anchor);
    assert.match(hint.text, /never open|do not open/, e.anchor);
  }
});
