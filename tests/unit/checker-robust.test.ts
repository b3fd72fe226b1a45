// Hostile and random input never throws, is never dropped silently, and has a generous time bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, InputRefused, MAX_INPUT_BYTES, parseInput } from '../../src/checker/index.ts';
import { check } from './checker-helpers.ts';
import { binaryReason } from '../../src/checker/decode.ts';
import { echoLine } from '../../src/checker/parsers/common.ts';
import type { Report } from '../../src/checker/index.ts';

/** A report accounts for the text exactly: every row names a real line and echoes it, and the counts add up. */
function assertAccounts(r: Report, text: string): void {
  const source = text.split(/\r\n|\r|\n/);
  assert.equal(r.summary.lines, source.length);
  for (const row of [...r.findings, ...r.unrecognized, ...r.ignored]) {
    assert.ok(
      Number.isInteger(row.line) && row.line >= 1 && row.line <= source.length,
      `line ${row.line}`,
    );
    assert.equal(row.text, echoLine(source[row.line - 1]!));
  }
  for (const verdict of ['conflict', 'possible-conflict', 'expected', 'ok', 'covers'] as const)
    assert.equal(r.summary[verdict], r.findings.filter((f) => f.verdict === verdict).length);
  assert.equal(r.summary.unrecognized, r.unrecognized.length);
}

function random(seed: number, length: number, alphabet?: string): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet ? alphabet[x % alphabet.length] : String.fromCharCode(x % 0xd7ff);
  }
  return out;
}

test('random text in every format never throws', async () => {
  const alphabets = [
    undefined,
    '0123456789:./-*[] \n\tLISTENtcpudp{},',
    'users:(("a",pid=1,fd=2))\n :-0123456789',
    'services:\n  - ports: ["\'&*!|>',
  ];
  for (let seed = 1; seed <= 30; seed++) {
    for (const alphabet of alphabets) {
      const text = random(seed, 2000, alphabet);
      for (const { id } of [{ id: 'auto' as const }, ...FORMATS]) {
        // Text that is not text is refused as a whole, with one message; the rest is read line by
        // line. Read as prose, a paste holds nothing to check: that is refused with its reason too.
        if (binaryReason(text)) await assert.rejects(check(text, { format: id }), InputRefused);
        else if (id === 'prose')
          await assert.rejects(check(text, { format: id }), /Nothing in this paste is a listing/);
        else assertAccounts(await check(text, { format: id }), text);
      }
    }
  }
});

test('binary input is refused with one message, never parsed for ports', async () => {
  const bytes = random(7, 5000) + '\u0000\u0001\u0002';
  for (const { id } of [{ id: 'auto' as const }, ...FORMATS])
    await assert.rejects(check(bytes, { format: id }), (error: Error) => {
      assert.ok(error instanceof InputRefused);
      assert.match(error.message, /binary data, not text/);
      return true;
    });
  const controls = Array.from({ length: 400 }, (_, i) => String.fromCharCode(1 + (i % 8))).join('');
  await assert.rejects(check(`6443\n${controls}`), /control or undecodable characters/);
});

test('1 MB of hostile text is checked in under 5 s in each format', async () => {
  const hostile = (
    '0'.repeat(5000) +
    ':' +
    '['.repeat(2000) +
    ' users:((' +
    '"a",'.repeat(1000) +
    '\n'
  )
    .repeat(1)
    .padEnd(1 << 20, '1-1-1-1:::: ');
  for (const { id } of [{ id: 'auto' as const }, ...FORMATS]) {
    const start = performance.now();
    await check(hostile, { format: id }).catch((error: Error) => {
      assert.ok(id === 'prose' && error instanceof InputRefused, `${id}: ${error.message}`);
    });
    assert.ok(
      performance.now() - start < 5000,
      `${id} took ${Math.round(performance.now() - start)} ms`,
    );
  }
});

test('input over the size limit is refused with a message', async () => {
  await assert.rejects(
    parseInput('x'.repeat(MAX_INPUT_BYTES + 1)),
    (e: unknown) => e instanceof InputRefused && /limit is/.test(e.message),
  );
});

test('a YAML alias bomb is refused', async () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...Array.from(
      { length: 120 },
      (_, i) => `b${i}: &b${i} [*${i ? `b${i - 1}` : 'a'}, *${i ? `b${i - 1}` : 'a'}]`,
    ),
  ].join('\n');
  await assert.rejects(parseInput(`services:\n  x:\n    image: y\n${bomb}`, 'compose'), /aliases/);
});

test('broken YAML is reported with its line', async () => {
  const r = await check('services:\n  web:\n    ports:\n      - "80:80\n    bad: [', {
    format: 'compose',
  });
  assert.ok(r.unrecognized.length > 0);
  assert.ok(r.unrecognized.every((u) => u.line >= 1));
});

test('HTML in the paste stays text in the report', async () => {
  const payload = '<img src=x onerror=alert(1)>:9000\n<script>alert(1)</script>';
  const r = await check(payload);
  const all = [...r.findings.map((f) => f.text), ...r.unrecognized.map((u) => u.text)];
  assert.ok(all.includes('<script>alert(1)</script>'));
});

test('shell prompts pasted with a YAML file are skipped before it is parsed', async () => {
  const text = [
    'ubuntu@node-1:~$ cat compose.yaml',
    'services:',
    '  web:',
    '    image: nginx',
    '    ports:',
    '      - "8080:80"',
    'ubuntu@node-1:~$ ',
  ].join('\n');
  const r = await check(text);
  assert.equal(r.format, 'compose');
  assert.deepEqual(r.unrecognized, []);
  assert.deepEqual(
    r.findings.map((f) => [f.line, f.port]),
    [[6, 8080]],
  );
});

test('an unreadable YAML document gets one message, not one per line after the error', async () => {
  const broken = [
    'services:',
    '  web:',
    '    ports: ["80:80',
    ...Array<string>(20).fill('    - x: ['),
  ];
  const good = ['---', 'services:', '  db:', '    ports:', '      - "5432:5432"'];
  const r = await check([...broken, ...good].join('\n'), { format: 'compose' });
  const yaml = r.unrecognized.filter((u) => u.reason?.startsWith('YAML'));
  assert.equal(yaml.length, 1);
  assert.match(yaml[0]!.reason!, /^YAML: document 1 \(lines 1-\d+\) could not be read: /);
});

test('a long line is echoed cut to 300 characters, in findings, unrecognised and ignored lines', async () => {
  const long = `0.0.0.0:6443 ${'x'.repeat(1000)}`;
  const noPort = `no port here ${'y'.repeat(1000)}`;
  const r = await check(`${long}\n${noPort}`);
  for (const shown of [r.findings[0]!.text, r.unrecognized[0]!.text, r.ignored[0]!.text]) {
    assert.equal(shown.length, 300);
    assert.ok(shown.endsWith('…'));
  }
  const json = JSON.stringify(r);
  assert.ok(!json.includes('x'.repeat(300)));
});
