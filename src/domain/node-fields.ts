/**
 * The one table of node options. Each row says how the option is named on the command line,
 * in URLs and in forms, which values it takes (from the data's closed sets, never typed again),
 * how its default comes from the release, and when a release cannot have it.
 */
import { DATASTORES, PROFILES, ROLES, type Profile } from './enums.ts';
import { onOff, ROLE_LABEL } from './labels.ts';
import { isPort, MAX_PORT, PORT_OPTIONS, ZERO_DISABLES, type PortOption } from './ports.ts';
import type { NodeField, NodeProgram, RoleChoice } from './node.ts';

import { NodeError, oneOf } from './node-error.ts';
import { cidrField, ipsField, nodeIp, nodePorts, rangeField } from './node-fields-net.ts';

export { NodeError } from './node-error.ts';

const ROLE_CHOICES: Record<NodeProgram, readonly RoleChoice[]> = {
  check: [...ROLES, 'both'],
  firewall: ROLES,
  reach: ROLES,
};

const release: NodeField = {
  name: 'release',
  param: 'release',
  label: 'Release',
  metavar: 'VERSION',
  help: 'release (default: the latest)',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: (_program, _release, releases = []) =>
    releases.map((r) => ({ value: r.id, label: r.latest ? `${r.id} (latest)` : r.id })),
  read(input, text) {
    if (!/^\d+\.\d{1,3}$/.test(text))
      throw new NodeError(release, `must look like 1.36; not "${text}"`, undefined, true);
    input.release = text;
  },
  write: (input) => (input.release ? [input.release] : []),
};

const role: NodeField = {
  name: 'role',
  param: 'role',
  label: 'Role',
  help: 'node role (default: control-plane)',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: (program) =>
    ROLE_CHOICES[program].map((value) => ({
      value,
      label: value === 'both' ? 'both (either role)' : ROLE_LABEL[value],
    })),
  read(input, text) {
    input.role = oneOf(role, ROLE_CHOICES.check, text);
  },
  write: (input) => (input.role ? [input.role] : []),
  fill(spec) {
    spec.role ??= 'control-plane';
  },
};

const datastore: NodeField = {
  name: 'datastore',
  param: 'datastore',
  label: 'Datastore',
  help: 'datastore, where the release offers more than one',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: (_program, r) => (r?.datastores ?? DATASTORES).map((value) => ({ value, label: value })),
  read(input, text) {
    input.datastore = oneOf(datastore, DATASTORES, text);
  },
  write: (input) => (input.datastore ? [input.datastore] : []),
  fill(spec, r) {
    spec.datastore ??= r.defaultDatastore;
  },
  refuse: (spec, r) =>
    r.datastores.includes(spec.datastore)
      ? undefined
      : `release ${r.id} offers only ${r.datastores.join(' or ')}`,
  summary: (spec) => spec.datastore && `datastore ${spec.datastore}`,
  condition: {
    key: 'datastore',
    offered: (r) => r.datastores,
    text: (value) => `the datastore is ${String(value)}`,
    inRelease: (r) => `${r.datastores.join(' or ')}; new clusters use ${r.defaultDatastore}`,
  },
};

const kubeProxyReplacement: NodeField = {
  name: 'kube-proxy-replacement',
  param: 'kpr',
  label: 'kube-proxy replacement',
  help: 'kube-proxy replacement, where the release offers both',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: (_program, r) =>
    (r?.kubeProxyReplacement ?? [true, false]).map((v) => ({ value: onOff(v), label: onOff(v) })),
  read(input, text) {
    input.kubeProxyReplacement = oneOf(kubeProxyReplacement, ['on', 'off'], text) === 'on';
  },
  write: (input) =>
    input.kubeProxyReplacement === undefined ? [] : [onOff(input.kubeProxyReplacement)],
  fill(spec, r) {
    spec.kubeProxyReplacement ??= r.defaultKubeProxyReplacement;
  },
  refuse: (spec, r) =>
    r.kubeProxyReplacement.includes(spec.kubeProxyReplacement)
      ? undefined
      : `release ${r.id} offers only ${r.kubeProxyReplacement.map(onOff).join(' or ')}`,
  summary: (spec) =>
    spec.kubeProxyReplacement === undefined
      ? undefined
      : `kube-proxy replacement ${onOff(spec.kubeProxyReplacement)}`,
  condition: {
    key: 'kubeProxyReplacement',
    offered: (r) => r.kubeProxyReplacement,
    text: (value) => `kube-proxy replacement is ${onOff(value === true)}`,
    inRelease: (r) =>
      r.kubeProxyReplacement.length > 1
        ? `optional; new clusters have it ${onOff(r.defaultKubeProxyReplacement)}`
        : r.kubeProxyReplacement[0]
          ? 'always on'
          : 'not offered: kube-proxy always runs',
  },
};

const loadBalancer: NodeField = {
  name: 'load-balancer',
  param: 'lb',
  label: 'Load balancer',
  help: 'the load balancer feature, MetalLB (default: off)',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: () => (['off', 'on'] as const).map((v) => ({ value: v, label: v })),
  read(input, text) {
    input.loadBalancer = oneOf(loadBalancer, ['on', 'off'], text) === 'on';
  },
  write: (input) => (input.loadBalancer === undefined ? [] : [onOff(input.loadBalancer)]),
  fill(spec) {
    spec.loadBalancer ??= false;
  },
  summary: (spec) =>
    spec.loadBalancer === undefined ? undefined : `load balancer ${onOff(spec.loadBalancer)}`,
  condition: {
    key: 'loadBalancer',
    offered: () => [false, true],
    text: (value) => `the load balancer is ${onOff(value === true)}`,
    inRelease: () => 'optional (MetalLB); off unless enabled',
  },
};

const PROFILE_LABEL: Record<Profile, string> = { default: 'default', 'disa-stig': 'DISA STIG' };

const profile: NodeField = {
  name: 'profile',
  param: 'profile',
  label: 'Profile',
  help: 'the profile the node was bootstrapped or joined with',
  programs: ['check', 'firewall', 'reach'],
  control: 'select',
  choices: (_program, r) =>
    (r?.profiles ?? PROFILES).map((value) => ({ value, label: PROFILE_LABEL[value] })),
  read(input, text) {
    input.profile = oneOf(profile, PROFILES, text);
  },
  write: (input) => (input.profile ? [input.profile] : []),
  fill(spec, r) {
    spec.profile ??= r.defaultProfile;
  },
  refuse: (spec, r) =>
    r.profiles.includes(spec.profile)
      ? undefined
      : `release ${r.id} offers only ${r.profiles.join(' or ')}`,
  summary: (spec) =>
    spec.profile && spec.profile !== 'default'
      ? `${PROFILE_LABEL[spec.profile]} profile`
      : undefined,
  condition: {
    key: 'profile',
    offered: (r) => r.profiles,
    text: (value) => `the ${PROFILE_LABEL[value as Profile]} profile is used`,
    inRelease: (r) =>
      r.profiles.length > 1
        ? `${r.profiles.map((p) => PROFILE_LABEL[p]).join(' or ')}; new clusters use ${PROFILE_LABEL[r.defaultProfile]}`
        : `${PROFILE_LABEL[r.defaultProfile]} only`,
  },
};

function portField(option: PortOption): NodeField {
  const min = ZERO_DISABLES.includes(option) ? 0 : 1;
  const field: NodeField = {
    name: option,
    param: option,
    label: option,
    metavar: 'N',
    help: `ports changed at bootstrap (${ZERO_DISABLES.join(', ')} 0: not tested)`,
    programs: ['check', 'firewall', 'reach'],
    control: 'number',
    min,
    group: 'ports',
    read(input, text) {
      const n = Number(text);
      if (!isPort(n) && !(n === 0 && min === 0))
        throw new NodeError(field, `must be a port from ${min} to ${MAX_PORT}`, undefined, true);
      input.ports = { ...input.ports, [option]: n };
    },
    write: (input) => {
      const n = input.ports?.[option];
      return n === undefined ? [] : [String(n)];
    },
  };
  return field;
}

export const NODE_FIELDS: readonly NodeField[] = [
  release,
  role,
  datastore,
  kubeProxyReplacement,
  loadBalancer,
  profile,
  ...PORT_OPTIONS.map(portField),
  nodeIp,
  cidrField(
    'node-cidr',
    'nodes',
    'Node CIDRs',
    'nodeCidrs',
    'where cluster nodes live (repeatable; default: any source)',
    '10.0.0.0/24',
  ),
  cidrField(
    'client-cidr',
    'clients',
    'API client CIDRs',
    'clientCidrs',
    'where API clients live (repeatable; default: any source)',
    '192.0.2.0/24',
  ),
  cidrField(
    'monitoring-cidr',
    'monitoring',
    'Monitoring CIDRs',
    'monitoringCidrs',
    'where metrics are scraped from (repeatable; default: metrics stay closed)',
    '10.0.9.0/24',
  ),
  ipsField('control-plane', 'cp', 'Control plane IPs', 'controlPlaneIps', 'control plane nodes'),
  ipsField('worker', 'workers', 'Worker IPs', 'workerIps', 'worker nodes'),
  rangeField('pod-cidr', 'pods', 'Pod CIDR', 'podCidr', 'pod'),
  rangeField('service-cidr', 'services', 'Service CIDR', 'serviceCidr', 'service'),
  nodePorts,
];

/** The rows that resolveNode() names in its refusals. */
export { release as releaseField, role as roleField };

/** The fields a program asks for, in table order. */
export const fieldsFor = (program: NodeProgram): NodeField[] =>
  NODE_FIELDS.filter((f) => f.programs.includes(program));

/** The options endpoints can depend on, with what each release offers. */
export const CONDITION_FIELDS = NODE_FIELDS.filter(
  (f): f is NodeField & { condition: NonNullable<NodeField['condition']> } => !!f.condition,
);
