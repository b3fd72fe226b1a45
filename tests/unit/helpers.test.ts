import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainMissingPath } from '../../src/domain/not-found.ts';
import {
  compareCells,
  queryFromState,
  rowMatches,
  stateFromQuery,
} from '../../src/browser/table-filter.ts';
import { inlineSegments, plainText } from '../../src/domain/inline.ts';
import { listedForms, processMatches } from '../../src/domain/process.ts';
import { endpointsCsv, endpointsExport, CSV_COLUMNS } from '../../src/view/export.ts';
import { model } from '../../src/domain/data.ts';

const ports = [2379, 6443, 10250];

test('404: unused, known, out of range and non-numeric port paths', () => {
  assert.deepEqual(explainMissingPath('/ports/64431/', ports, [], 2), {
    kind: 'unused-port',
    port: 64431,
    nearest: [10250, 6443],
  });
  assert.deepEqual(explainMissingPath('/6444', ports, [], 1), {
    kind: 'unused-port',
    port: 6444,
    nearest: [6443],
  });
  assert.deepEqual(explainMissingPath('/ports/6443/', ports), { kind: 'known-port', port: 6443 });
  assert.deepEqual(explainMissingPath('/ports/70000/', ports), {
    kind: 'out-of-range',
    text: '70000',
  });
  assert.deepEqual(explainMissingPath('/ports/0/', ports), { kind: 'out-of-range', text: '0' });
  assert.deepEqual(explainMissingPath('/ports/ssh/', ports), { kind: 'not-a-number', text: 'ssh' });
  assert.deepEqual(explainMissingPath('/ports/%E0%A4%A/', ports).kind, 'not-a-number');
  assert.deepEqual(explainMissingPath('/guides/nothing/', ports), { kind: 'other' });
  assert.deepEqual(explainMissingPath('/ports/30080/', ports, [{ from: 30000, to: 32767 }]), {
    kind: 'in-range',
    port: 30080,
    from: 30000,
    to: 32767,
  });
  assert.deepEqual(explainMissingPath('/ports/29999/', ports, [{ from: 30000, to: 32767 }], 1), {
    kind: 'unused-port',
    port: 29999,
    nearest: [10250],
  });
});

test('table filter state round-trips through the URL query', () => {
  const state = { release: '1.36', role: 'worker', q: 'kube proxy', sort: '0', dir: 'desc' };
  assert.deepEqual(stateFromQuery(queryFromState(state)), state);
  assert.equal(queryFromState({}), '');
  assert.deepEqual(stateFromQuery('?role=&unknown=1&bind=%2A'), { bind: '*' });
});

test('rows match every filter at once, and text words in any order', () => {
  const row = {
    port: '6443',
    protocol: 'tcp',
    bind: '*',
    roles: ['worker'],
    service: 'k8s-apiserver-proxy',
    releases: ['1.35', '1.36'],
    text: '6443 TCP k8s-apiserver-proxy On worker nodes',
  };
  assert.ok(rowMatches(row, { role: 'worker', release: '1.36', q: 'worker 6443' }));
  assert.ok(!rowMatches(row, { role: 'control-plane' }));
  assert.ok(!rowMatches(row, { release: '1.32' }));
  assert.ok(!rowMatches(row, { q: 'etcd' }));
});

test('cells sort numerically where they are numbers', () => {
  assert.deepEqual(['10250', '9000', '2379'].sort(compareCells), ['2379', '9000', '10250']);
  assert.deepEqual(['kubelet', 'etcd'].sort(compareCells), ['etcd', 'kubelet']);
});

test('inline code spans are split out, and plain text drops the backticks', () => {
  assert.deepEqual(inlineSegments('run `k8s status` now'), [
    { code: false, text: 'run ' },
    { code: true, text: 'k8s status' },
    { code: false, text: ' now' },
  ]);
  assert.equal(plainText('a `b` c'), 'a b c');
  assert.deepEqual(inlineSegments('<b>x</b>'), [{ code: false, text: '<b>x</b>' }]);
});

test('process names match exactly or by a listing tool truncation, never by a looser prefix', () => {
  assert.ok(processMatches('kube-controller', 'kube-controller-manager'));
  assert.ok(processMatches('kube-cont', 'kube-controller-manager'));
  assert.ok(processMatches('kubelet', 'kubelet'));
  assert.ok(!processMatches('kube', 'kubelet'));
  assert.ok(!processMatches('kubelet2', 'kubelet'));
  assert.ok(!processMatches('kube-controller-x', 'kube-controller-manager'));
  assert.deepEqual(
    listedForms('k8s-apiserver-proxy').map((f) => f.shown),
    ['k8s-apiserver-p', 'k8s-apise', 'k8s-apiserv'],
  );
});

test('exports carry every endpoint, in JSON and CSV alike', () => {
  const json = endpointsExport(model);
  assert.equal(json.endpoints.length, model.endpoints.length);
  assert.equal(json.dataVersion, model.ref.meta.dataVersion);
  const csv = endpointsCsv(model).trimEnd().split('\r\n');
  assert.equal(csv.length, model.endpoints.length + 1);
  assert.equal(csv[0], CSV_COLUMNS.join(','));
  for (const e of model.endpoints)
    assert.ok(
      csv.some((line) => line.startsWith(`${e.anchor},`)),
      e.anchor,
    );
});
