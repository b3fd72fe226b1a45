// Rules of the model, on a small synthetic data set so each rule is seen in isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModel } from '../../src/domain/model.ts';
import type { Reference } from '../../src/domain/schema.ts';
import type { NodeInput } from '../../src/domain/node.ts';
import { validateReference } from '../../src/domain/validate.ts';

const base = {
  meta: { dataVersion: '2026.1.1', upstreamRead: '2026-01-01', product: 'Test' },
  changelog: [{ version: '2026.1.1', date: '2026-01-01', changes: ['first'] }],
  sources: [
    {
      id: 's',
      title: 'S',
      repo: 'o/r',
      path: 'p',
      refs: ['main'],
      url: 'https://example.org/',
      read: '2026-01-01',
    },
  ],
  releases: [
    {
      id: '1.01',
      datastores: ['etcd', 'k8s-dqlite'],
      defaultDatastore: 'etcd',
      kubeProxyReplacement: [false],
      defaultKubeProxyReplacement: false,
      profiles: ['default'],
      defaultProfile: 'default',
      defaultPodCidr: '10.1.0.0/16',
      defaultServiceCidr: '10.152.183.0/24',
      sources: ['s'],
    },
    {
      id: '1.02',
      latest: true,
      datastores: ['etcd'],
      defaultDatastore: 'etcd',
      kubeProxyReplacement: [true, false],
      defaultKubeProxyReplacement: true,
      profiles: ['default'],
      defaultProfile: 'default',
      defaultPodCidr: '10.1.0.0/16',
      defaultServiceCidr: '10.152.183.0/24',
      sources: ['s'],
    },
  ],
  services: ['a', 'b'].map((id) => ({
    id,
    name: id,
    kind: 'node',
    processNames: [id],
    runsAs: 'snap',
    unit: id,
    upstream: 'https://example.org/',
    description: id,
  })),
  preflight: [
    {
      key: 'a',
      port: 100,
      roles: ['control-plane', 'worker'],
      releases: { from: '1.01', to: '1.02' },
      sources: ['s'],
    },
  ],
  preflightMessages: {
    clash: 'port {port} (needed by: {key}) is already in use',
    wrapper: 'failed: {errors}',
    couldNotCheck: 'could not check port {port} (needed by: {key}): {reason}',
    stages: [{ stage: 'bootstrap', prefix: 'pre' }],
    sources: ['s'],
  },
  ufwHowto: [],
  deviations: [],
};
const ep = (over: object) => ({
  service: 'a',
  protocol: 'tcp',
  bind: '*',
  roles: ['control-plane', 'worker'],
  releases: { from: '1.01', to: '1.02' },
  reachableFrom: 'none',
  purpose: 'api',
  description: 'd',
  security: 's',
  ifBlocked: 'b',
  sources: ['s'],
  ...over,
});
const ref: Reference = validateReference({
  ...base,
  endpoints: [
    ep({ port: 100 }),
    ep({
      port: 200,
      releases: { from: '1.01', to: '1.01' },
      condition: { datastore: 'k8s-dqlite' },
      roles: ['control-plane'],
    }),
    ep({ port: 300, condition: { kubeProxyReplacement: false }, bind: 'localhost' }),
    ep({ port: 400, roles: ['control-plane'] }),
    ep({ port: 400, service: 'b', roles: ['worker'] }),
    ep({ port: 500, protocol: 'udp', releases: { from: '1.02', to: '1.02' } }),
  ],
});
const m = createModel(ref);

test('ports are unique and sorted', () => {
  assert.deepEqual(m.ports, [100, 200, 300, 400, 500]);
});

test('anchors gain a role suffix only where two rows share a port and protocol', () => {
  assert.deepEqual(
    m.byPort(100).map((e) => e.anchor),
    ['tcp-100'],
  );
  assert.deepEqual(
    m
      .byPort(400)
      .map((e) => e.anchor)
      .sort(),
    ['tcp-400-control-plane', 'tcp-400-worker'],
  );
  assert.deepEqual(
    m.byPort(500).map((e) => e.anchor),
    ['udp-500'],
  );
});

test('a condition that the release offers as a choice makes the endpoint conditional', () => {
  const a = m.availability(m.byPort(200)[0]!, '1.01');
  assert.equal(a.state, 'conditional');
  assert.match((a as { condition: string }).condition, /k8s-dqlite \(not the default\)/);
});

test('an endpoint outside its release range is absent with the reason', () => {
  assert.deepEqual(m.availability(m.byPort(200)[0]!, '1.02'), {
    state: 'absent',
    reason: 'removed after 1.01',
  });
  assert.deepEqual(m.availability(m.byPort(500)[0]!, '1.01'), {
    state: 'absent',
    reason: 'added in 1.02',
  });
});

test('a condition the release cannot fail is no condition there', () => {
  assert.deepEqual(m.availability(m.byPort(300)[0]!, '1.01'), { state: 'present' });
  assert.equal(m.availability(m.byPort(300)[0]!, '1.02').state, 'conditional');
});

test('forNode applies role and options, and node() the release defaults', () => {
  const ports = (input: NodeInput) =>
    m
      .forNode(m.node(input))
      .map((x) => x.where)
      .join(' ');
  assert.equal(ports({ release: '1.02', role: 'worker' }), '100 400 500');
  assert.equal(
    ports({ release: '1.02', role: 'worker', kubeProxyReplacement: false }),
    '100 300 400 500',
  );
  assert.equal(
    ports({ release: '1.01', role: 'control-plane', datastore: 'k8s-dqlite' }),
    '100 200 300 400',
  );
  assert.equal(ports({ release: '1.01', role: 'both' }), '100 300 400 400');
});

test('options a release does not offer are refused with a reason that names the option', () => {
  assert.throws(
    () => m.node({ release: '1.02', role: 'worker', datastore: 'k8s-dqlite' }),
    /^NodeError: --datastore k8s-dqlite: release 1\.02 offers only etcd$/,
  );
  assert.throws(
    () => m.node({ release: '1.01', kubeProxyReplacement: true }),
    /^NodeError: --kube-proxy-replacement on: release 1\.01 offers only off$/,
  );
  assert.throws(
    () => m.node({ release: '9.99' }),
    /^NodeError: --release 9\.99: unknown release; known: 1\.01, 1\.02$/,
  );
  assert.throws(
    () => m.roleNode({ role: 'both' }),
    /^NodeError: --role both: this describes one node; choose control-plane or worker$/,
  );
});

test('diff reports additions, removals and changes of condition', () => {
  const changes = m.diff('1.01', '1.02').map((c) => `${c.endpoint.anchor}:${c.kind}`);
  assert.deepEqual(changes.sort(), ['tcp-200:removed', 'tcp-300:changed', 'udp-500:added']);
  assert.deepEqual(m.diff('1.02', '1.02'), []);
});

test('nearest ports are ordered by distance, ties to the lower port', () => {
  assert.deepEqual(m.nearestPorts(250, 3), [200, 300, 100]);
  assert.deepEqual(m.neighbours(100), { previous: undefined, next: 200 });
  assert.deepEqual(m.neighbours(500), { previous: 400, next: undefined });
});
