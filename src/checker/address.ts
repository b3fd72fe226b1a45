/** Reading addresses as listing tools print them, and the Linux rules for when two binds overlap. */
import type { Bind } from '../domain/enums.ts';
import type { AddressKind } from './types.ts';
import { isIPv4 } from '../domain/net.ts';

export type Tool = 'ss' | 'netstat' | 'lsof-v4' | 'lsof-v6' | 'docker' | 'plain';

/**
 * Splits `addr:port` as ss, netstat, lsof and docker print it: `0.0.0.0:22`, `*:22`,
 * `[::]:22`, `:::22`, `[fe80::1%eth0]:123`, `127.0.0.53%lo:53`.
 */
export function splitHostPort(token: string): { host: string; port: string } | undefined {
  const bracket = /^\[([^\]]*)\]:([^:]+)$/.exec(token);
  if (bracket) return { host: `[${bracket[1]!}]`, port: bracket[2]! };
  const at = token.lastIndexOf(':');
  if (at < 0) return undefined;
  return { host: token.slice(0, at), port: token.slice(at + 1) };
}

export function classifyAddress(
  raw: string | undefined,
  tool: Tool,
): { kind: AddressKind; ip?: string } {
  if (raw === undefined || raw === '') return { kind: 'none' };
  let host = raw.replace(/%[\w.-]+$/, '');
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (bracketed) host = host.slice(1, -1);
  host = host.toLowerCase();
  if (host === '*') return { kind: tool === 'lsof-v4' ? 'v4-any' : 'dual-any' };
  if (host === '0.0.0.0') return { kind: 'v4-any' };
  if (host === '::' || host === '[::]') {
    // ss prints a v6-only wildcard as [::] and a dual-stack one as *; netstat cannot tell and
    // dual-stack is the default; docker's `:::9000` is its separate IPv6 socket.
    if ((tool === 'ss' || tool === 'plain') && bracketed) return { kind: 'v6only-any' };
    if (tool === 'docker') return { kind: 'v6only-any' };
    return { kind: 'dual-any' };
  }
  if (host === 'localhost') return { kind: 'loopback', ip: '127.0.0.1' };
  // The upstream tables write `default:4240` for the node's default-route address.
  if (host === 'default') return { kind: 'specific', ip: 'default' };
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) host = mapped[1]!;
  if (host === '127.0.0.1') return { kind: 'loopback', ip: host };
  if (host === '::1' || (isIPv4(host) && host.startsWith('127.')))
    return { kind: 'other-loopback', ip: host };
  return { kind: 'specific', ip: host };
}

export type Overlap = 'yes' | 'no' | 'possible' | 'assumed';

/** Whether a listener of this kind shares addresses with a Canonical Kubernetes endpoint bound so. */
export function overlaps(
  kind: AddressKind,
  ip: string | undefined,
  bind: Bind,
  nodeIp?: string,
): Overlap {
  switch (kind) {
    case 'none':
      return 'assumed';
    case 'v4-any':
    case 'dual-any':
      return 'yes';
    case 'v6only-any':
      return bind === '*' ? 'yes' : 'no';
    case 'loopback':
      return bind === 'default' ? 'no' : 'yes';
    case 'other-loopback':
      return bind === '*' ? 'yes' : 'no';
    case 'specific':
      if (bind === '*') return 'yes';
      if (bind === 'localhost') return 'no';
      if (ip === 'default') return 'yes';
      if (ip && !isIPv4(ip)) return 'no';
      if (!nodeIp) return 'possible';
      return ip === nodeIp ? 'yes' : 'no';
  }
}
