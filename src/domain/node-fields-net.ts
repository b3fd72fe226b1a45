/**
 * The node table's network rows: the node's address, the CIDRs the firewall admits, the cluster
 * ranges for forwarding, the NodePort switch and the peers the reachability probe tests.
 */
import { parseCidr, parseIp } from './net.ts';
import { NodeError, oneOf } from './node-error.ts';
import type { NodeField } from './node.ts';

export const nodeIp: NodeField = {
  name: 'node-ip',
  param: 'node',
  label: 'Node IP (optional)',
  metavar: 'IP',
  help: 'the node\'s default-route address, to settle "possible" verdicts',
  programs: ['check'],
  control: 'text',
  placeholder: '10.0.0.5',
  read(input, text) {
    const ip = parseIp(text);
    if (!ip.ok) throw new NodeError(nodeIp, `must be an IP address (${ip.error})`, text, true);
    input.nodeIp = ip.value;
  },
  write: (input) => (input.nodeIp ? [input.nodeIp] : []),
  summary: (spec) => spec.nodeIp && `node IP ${spec.nodeIp}`,
};

export function cidrField(
  name: string,
  param: string,
  label: string,
  key: 'nodeCidrs' | 'clientCidrs' | 'monitoringCidrs',
  help: string,
  placeholder: string,
): NodeField {
  const field: NodeField = {
    name,
    param,
    label,
    metavar: 'CIDR',
    help,
    programs: ['firewall'],
    control: 'text',
    placeholder,
    list: true,
    read(input, text) {
      const cidr = parseCidr(text);
      if (!cidr.ok) throw new NodeError(field, `not an IP address or CIDR (${cidr.error})`, text);
      input[key] = [...(input[key] ?? []), cidr.value];
    },
    write: (input) => input[key] ?? [],
  };
  return field;
}

/** A cluster range (pods, services): a CIDR, defaulting to the release's. */
export function rangeField(
  name: string,
  param: string,
  label: string,
  key: 'podCidr' | 'serviceCidr',
  what: string,
): NodeField {
  const field: NodeField = {
    name,
    param,
    label,
    metavar: 'CIDR',
    help: `the cluster's ${what} range, for forwarding rules (default: the release's)`,
    programs: ['firewall'],
    control: 'text',
    read(input, text) {
      const cidr = parseCidr(text, { prefix: 'required' });
      if (!cidr.ok)
        throw new NodeError(
          field,
          `must be a CIDR such as 10.1.0.0/16 (${cidr.error})`,
          text,
          true,
        );
      input[key] = cidr.value;
    },
    write: (input) => (input[key] ? [input[key]] : []),
    summary: (spec) => spec[key] && `${what} CIDR ${spec[key]}`,
  };
  return field;
}

export const nodePorts: NodeField = {
  name: 'node-ports',
  param: 'nodeports',
  label: 'Node ports',
  help: 'open the NodePort range to clients (default: off)',
  programs: ['firewall'],
  control: 'select',
  choices: () => (['off', 'on'] as const).map((v) => ({ value: v, label: v })),
  read(input, text) {
    input.nodePorts = oneOf(nodePorts, ['on', 'off'], text) === 'on';
  },
  write: (input) => (input.nodePorts ? ['on'] : []),
  summary: (spec) => (spec.nodePorts ? 'node ports open' : undefined),
};

/** The addresses of one role's nodes, for the reachability probe. */
export function ipsField(
  name: string,
  param: string,
  label: string,
  key: 'controlPlaneIps' | 'workerIps',
  who: string,
): NodeField {
  const field: NodeField = {
    name,
    param,
    label,
    metavar: 'IP[,IP...]',
    help: `the ${who}' addresses to probe (repeatable, or comma-separated)`,
    programs: ['reach'],
    control: 'text',
    placeholder: key === 'controlPlaneIps' ? '10.0.0.10,10.0.0.11' : '10.0.0.20',
    list: true,
    read(input, text) {
      for (const ip of text
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)) {
        const parsed = parseIp(ip);
        if (!parsed.ok) throw new NodeError(field, `not an IP address (${parsed.error})`, ip);
        input[key] = [...(input[key] ?? []), parsed.value];
      }
    },
    write: (input) => input[key] ?? [],
  };
  return field;
}
