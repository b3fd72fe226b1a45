// net-tools prints `PID/name` in 19 characters in all; every PID length from 1 to 7 digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { netstatNameWidth, processMatches } from '../../src/domain/process.ts';
import { checker } from './checker-helpers.ts';

/** What net-tools prints for a PID and a program name: snprintf into char[20]. */
const printed = (pid: number, name: string) => `${pid}/${name}`.slice(0, 19);

const network = model.network.filter((e) => e.protocol === 'tcp' && e.endPort === undefined);

test('the name width is 19 minus the PID and the slash', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(netstatNameWidth), [17, 16, 15, 14, 13, 12, 11]);
  assert.equal(printed(1234567, 'cilium-agent'), '1234567/cilium-agen');
  assert.equal(printed(12345, 'kube-apiserver'), '12345/kube-apiserve');
});

test("every service's own process stays expected, whatever the PID length", async () => {
  for (let digits = 1; digits <= 7; digits++) {
    const pid = Number('9'.repeat(digits));
    for (const e of network) {
      const options = Object.fromEntries(
        Object.entries(e.condition ?? {}).filter(([, v]) => v !== undefined),
      );
      const spec = model.node({
        release: model.releasesOf(e).at(-1)!,
        role: e.roles[0]!,
        ...options,
      });
      if (!model.forNode(spec).includes(e) || !e.inListings) continue;
      const name = model.service(e.service).processNames[0];
      if (!name) continue;
      const line = `tcp 0 0 0.0.0.0:${e.port} 0.0.0.0:* LISTEN ${printed(pid, name)}`;
      const r = await checker.check(
        `Proto Recv-Q Send-Q Local Address Foreign Address State PID/Program name\n${line}`,
        spec,
      );
      const f = r.findings[0]!;
      assert.equal(f.verdict, 'expected', `${line} (${e.anchor})`);
    }
  }
});

test('a name cut one character shorter than the rule is not ours', () => {
  for (let digits = 1; digits <= 7; digits++) {
    const width = netstatNameWidth(digits);
    const name = 'kube-controller-manager';
    assert.ok(processMatches(name.slice(0, width), name, width), `${digits} digits`);
    // One character off is no match, unless that length is ss's (15) or lsof's (9) own cut.
    for (const off of [width - 1, width + 1].filter((w) => w !== 15 && w !== 9))
      assert.ok(!processMatches(name.slice(0, off), name, width), `${digits} digits, ${off}`);
  }
});
