/**
 * Port numbers: the valid range, how people and tools write ports and ranges, the nearest known
 * ports to a number, and the ports an operator can change at bootstrap.
 */
import type { NetworkEndpoint } from './schema.ts';

export const MAX_PORT = 65535;

/** What to say about text that is not a port number. */
export const notAPort = (text: string): string =>
  `"${text}" is not a valid port: TCP and UDP ports run from 1 to ${MAX_PORT}.`;

/** A TCP or UDP port number: an integer from 1 to 65535. */
export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_PORT;
}

/** The few service names that listings print without -n, and firewall tools accept. */
export const SERVICE_PORTS: Record<string, number> = {
  ssh: 22,
  smtp: 25,
  domain: 53,
  http: 80,
  https: 443,
  'http-alt': 8080,
  ntp: 123,
  bgp: 179,
  ldap: 389,
  ldaps: 636,
  mysql: 3306,
  postgresql: 5432,
  postgres: 5432,
  redis: 6379,
  'sun-rpc': 111,
  sunrpc: 111,
  rpcbind: 111,
  bootpc: 68,
  bootps: 67,
  'etcd-client': 2379,
  'etcd-server': 2380,
  'kubernetes-api': 6443,
  'sun-sr-https': 6443,
  cslistener: 9000,
  'sun-sr-admin': 6400,
  websm: 9090,
  jetdirect: 9100,
  mdns: 5353,
  ipp: 631,
  imaps: 993,
  pop3s: 995,
  submission: 587,
  x11: 6000,
  vxlan: 4789,
  otv: 8472,
  epmd: 4369,
  amqp: 5672,
  nfs: 2049,
  'iscsi-target': 3260,
  kerberos: 88,
  snmp: 161,
  syslog: 514,
  tftp: 69,
};

export type PortRange = { port: number; endPort?: number };

/** `6443`, `30000-32767`, `30000:32767`, or a known service name. Undefined when it is none of these. */
export function parsePortSpec(text: string): PortRange | { error: string } | undefined {
  const t = text.trim().toLowerCase();
  const range = /^(\d{1,6})\s*[-:]\s*(\d{1,6})$/.exec(t);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (!isPort(a) || !isPort(b)) return { error: `port range ${text.trim()} is outside 1-65535` };
    if (a > b) return { error: `port range ${text.trim()} runs backwards` };
    return a === b ? { port: a } : { port: a, endPort: b };
  }
  if (/^\d{1,7}$/.test(t)) {
    const n = Number(t);
    if (!isPort(n)) return { error: `port ${t} is outside 1-65535` };
    return { port: n };
  }
  const named = SERVICE_PORTS[t];
  if (named) return { port: named };
  return undefined;
}

/** The known ports closest to n, nearest first (ties: lower port first). */
export function nearestPorts(ports: readonly number[], n: number, count = 4): number[] {
  return [...ports].sort((a, b) => Math.abs(a - n) - Math.abs(b - n) || a - b).slice(0, count);
}

export const PORT_OPTIONS = [
  'secure-port',
  'etcd-port',
  'etcd-peer-port',
  'k8s-dqlite-port',
  'tunnel-port',
  'bgp-peer-port',
] as const;
export type PortOption = (typeof PORT_OPTIONS)[number];

/** The short name people use for each option, mapped to the option or annotation the data records. */
const RECORDED_AS: Record<PortOption, string> = {
  'secure-port': 'secure-port',
  'etcd-port': 'etcd-port',
  'etcd-peer-port': 'etcd-peer-port',
  'k8s-dqlite-port': 'k8s-dqlite-port',
  'tunnel-port': 'k8sd/v1alpha1/cilium/tunnel-port',
  'bgp-peer-port': 'load-balancer.bgp-peer-port',
};

/** Options where 0 is allowed: it switches the pre-flight test of that port off. */
export const ZERO_DISABLES: readonly PortOption[] = ['bgp-peer-port'];

/** The port a pre-flight check tests once the options in `changed` are applied; 0: not tested. */
export function checkedPort(
  check: { port: number; option?: string | undefined },
  changed: Partial<Record<PortOption, number>> = {},
): number {
  const option = PORT_OPTIONS.find((o) => o === check.option);
  return option !== undefined ? (changed[option] ?? check.port) : check.port;
}

/** The port an endpoint listens on once the bootstrap options in `changed` are applied. */
export function effectivePort(
  endpoint: NetworkEndpoint,
  changed: Partial<Record<PortOption, number>> = {},
): number {
  for (const option of PORT_OPTIONS) {
    const port = changed[option];
    if (port !== undefined && endpoint.option?.name === RECORDED_AS[option]) return port;
  }
  return endpoint.port;
}
