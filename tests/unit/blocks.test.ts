// Every fixture's blocks, as golden lists of format and lines, and the invariant on top: every
// non-blank line lies in exactly one block. Fixtures are split as pasted, provenance comments
// included, so the line numbers are the file's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { splitBlocks, type Block } from '../../src/checker/blocks.ts';
import { parseInput } from '../../src/checker/parse.ts';

const GOLDEN: Record<string, string> = {
  'own/cloud-init-runcmd.yaml': 'script 1-17',
  'own/compose-long-syntax.yaml': 'compose 1-17',
  'own/destinations-not-listeners.txt': 'ss 1-13',
  'own/journal-escaped-joined-errors.txt': 'log 1-5',
  'own/firewall-commands-mixed.sh': 'script 1-16',
  'own/firewalld-list-all.txt': 'firewalld 1-16',
  'own/forum-sysctl-netstat.txt': 'prose 1-4, sysctl 5-6, prose 8-8, netstat 9-12',
  'own/ip-d-link.txt': 'ip-link 1-16',
  'own/iptables-S.txt': 'iptables 1-12',
  'own/iptables-commands.sh': 'script 1-13',
  'own/journal-bind-errors.txt': 'log 1-10',
  'own/k8s-cli-preflight-glued-prompt.txt': 'log 1-10',
  'own/k8s-hostport.json': 'kubernetes 1-4',
  'own/lsof-i-P-n.txt': 'lsof 1-9',
  'own/markdown-post-fenced.md': 'prose 1-2, ss 4-8, log 10-10',
  'own/netstat-an.txt': 'netstat 1-13',
  'own/netstat-tlp-names.txt': 'netstat 1-5',
  'own/netstat-tulpn.txt': 'netstat 1-11',
  'own/nft-ruleset.txt': 'nft 1-20',
  'own/ss-tlnp-ck8s-worker.txt': 'ss 1-16',
  'own/ss-tulpn-ck8s-control-plane.txt': 'ss 1-25',
  'own/ss-tulpn-k3s-server.txt': 'ss 1-11',
  'own/ss-tulpn-microk8s.txt': 'ss 1-10',
  'own/sysctl-ephemeral.txt': 'sysctl 1-4',
  'own/terminal-two-commands.txt': 'ss 1-6, sysctl 7-9',
  'own/ufw-status-numbered.txt': 'ufw 1-14',
  'samples/04-ss-tnlp-cilium-hubble-agent-operator-envoy.txt': 'ss 1-14',
  'samples/06-lsof-inP-grep-LIST-k8s-controller.txt': 'lsof 1-12',
  'samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt': 'ss 1-18',
  'samples/12-docker-compose-minio-127.0.0.1-9000.txt': 'compose 1-25',
  'samples/13-docker-compose-portainer-9000-node-exporter-hostnet.txt': 'compose 1-63',
  'samples/14-k8s-service-nodeport-portainer-9000.txt': 'kubernetes 1-97',
  'samples/15-k8s-daemonset-node-exporter-hostnetwork-hostport-9100.txt': 'kubernetes 1-122',
  'samples/16-iptables-nL-openshift-node-os-firewall-allow.txt': 'iptables 1-57',
  'samples/17-kubectl-get-svc-A-argocd-contour.txt': 'kubectl-svc 1-24',
  'samples/18-nft-rules-k3s-ansible-template.txt': 'nft 1-31',
  'samples/19-portlist-k8s-snap-docs-services-and-ports.txt': 'plain 1-27',
  'samples/25-docker-ps-portainer-9000.txt': 'docker-ps 1-3',
  'samples/30-k8s-snap-pr846-preflight-sample-error.txt': 'log 1-6',
  'samples/31-cloudstack-7734-kubeadm-preflight-journal.txt': 'log 1-4',
  'samples/32-kubeadm-ansible-21-ansible-fatal-json.txt': 'prose 1-1, log 2-2',
  'samples/33-k0s-960-journal-escaped-klog-bind-error.txt': 'log 1-5',
  'samples/34-kubernetes-website-51166-etcd-static-pod.yaml': 'kubernetes 1-38',
};

/** Fixtures are text, except the UTF-16 one (bytes, tests/unit/decode.test.ts) and the READMEs. */
function fixtures(): string[] {
  return ['own', 'samples'].flatMap((dir) =>
    readdirSync(new URL(`../fixtures/${dir}/`, import.meta.url))
      .filter((f) => !/^(README|SOURCES)\.md$/.test(f) && !f.includes('utf16'))
      .map((f) => `${dir}/${f}`),
  );
}

const read = (file: string) =>
  readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
const describe = (blocks: readonly Block[]) =>
  blocks.map((b) => `${b.format} ${b.from}-${b.to}`).join(', ');

/** Every non-blank line in exactly one block, blocks in order, within the paste. */
function invariant(text: string, blocks: readonly Block[]): string[] {
  const source = text.split(/\r\n|\r|\n/);
  const owner = new Array<number>(source.length + 1).fill(0);
  const problems: string[] = [];
  blocks.forEach((b, i) => {
    if (b.from > b.to || b.from < 1 || b.to > source.length) problems.push(`block ${i + 1} bounds`);
    if (i && b.from <= blocks[i - 1]!.to) problems.push(`block ${i + 1} overlaps the one before`);
    for (let n = b.from; n <= Math.min(b.to, source.length); n++) owner[n]!++;
  });
  source.forEach((line, i) => {
    if (line.trim() && owner[i + 1] !== 1) problems.push(`line ${i + 1} is in ${owner[i + 1]}`);
  });
  return problems;
}

test('every fixture has a golden block list, and each list names a fixture', () => {
  assert.deepEqual(
    fixtures().filter((f) => !(f in GOLDEN)),
    [],
  );
  assert.deepEqual(
    Object.keys(GOLDEN).filter((f) => !fixtures().includes(f)),
    [],
  );
});

for (const file of fixtures())
  test(`blocks of ${file}`, () => {
    const text = read(file);
    const blocks = splitBlocks(text);
    assert.equal(describe(blocks), GOLDEN[file]);
    assert.deepEqual(invariant(text, blocks), []);
  });

test('the invariant fails a splitter that ignores everything, or counts a line twice', () => {
  const text = read('own/forum-sysctl-netstat.txt');
  assert.ok(invariant(text, []).length > 0);
  const blocks = splitBlocks(text);
  assert.ok(invariant(text, blocks.slice(1)).length > 0);
  assert.ok(invariant(text, [...blocks, { ...blocks.at(-1)! }]).length > 0);
});

test('each block reports what became of its lines, and the counts add up to the lists', async () => {
  for (const file of fixtures()) {
    const r = await parseInput(read(file));
    assert.equal(r.format, r.blocks.length === 1 ? r.blocks[0]!.format : 'mixed', file);
    const sum = (k: 'ignored' | 'unrecognized') => r.blocks.reduce((n, b) => n + b[k], 0);
    assert.equal(sum('ignored'), r.ignored.length, `${file}: ignored`);
    assert.equal(sum('unrecognized'), r.unrecognized.length, `${file}: unrecognised`);
    for (const b of r.blocks) {
      const inside = (x: { line: number }) => x.line >= b.from && x.line <= b.to;
      assert.equal(r.unrecognized.filter(inside).length, b.unrecognized, `${file} ${b.from}`);
      const lines = new Set(r.entries.filter(inside).map((e) => e.line));
      assert.ok(lines.size <= b.read, `${file} ${b.from}: read`);
    }
  }
});

test('a forum post: the sysctl lines and the netstat table are both read; sentences are not', async () => {
  const r = await parseInput(read('own/forum-sysctl-netstat.txt'));
  assert.equal(r.format, 'mixed');
  assert.deepEqual(
    r.entries.map((e) => [e.line, e.port]),
    [
      [11, 22],
      [12, 10250],
    ],
  );
  assert.equal(r.ephemeral?.line, 5);
  assert.ok(r.ignored.some((i) => i.line === 8 && /prose/.test(i.reason)));
});

test('--format sets every block, except that firewall commands stay rules', async () => {
  const text = read('own/terminal-two-commands.txt');
  assert.deepEqual(
    splitBlocks(text, 'plain').map((b) => b.format),
    ['plain', 'plain'],
  );
  const r = await parseInput('ss -tlnp output below\nsudo ufw allow 6443/tcp\n', 'plain');
  assert.ok(r.entries.some((e) => e.port === 6443));
});
