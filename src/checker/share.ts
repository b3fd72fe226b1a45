/**
 * The checker's shareable state, kept in the URL fragment (never sent to a server):
 * `#ports=9000,10250&role=worker`, or `#input=<url-encoded paste>&release=1.35&datastore=k8s-dqlite`.
 */
import type { Role } from '../domain/schema.ts';
import { FORMATS, PORT_OPTIONS, type CheckOptions, type Format, type PortOption } from './types.ts';

export interface ShareState {
  input: string;
  options: CheckOptions;
  /** Audit the node instead of checking for conflicts. */
  audit?: boolean;
}

export const FRAGMENT_KEYS = [
  'input',
  'ports',
  'release',
  'role',
  'datastore',
  'kpr',
  'node',
  'format',
  'mode',
  ...PORT_OPTIONS,
] as const;

const ROLES = new Set<string>(['control-plane', 'worker', 'both']);

export function decodeFragment(hash: string): ShareState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const options: CheckOptions = {};
  const release = params.get('release');
  if (release && /^\d+\.\d+$/.test(release)) options.release = release;
  const role = params.get('role');
  if (role && ROLES.has(role)) options.role = role as Role | 'both';
  const datastore = params.get('datastore');
  if (datastore === 'etcd' || datastore === 'k8s-dqlite') options.datastore = datastore;
  const kpr = params.get('kpr');
  if (kpr === 'on' || kpr === 'off') options.kubeProxyReplacement = kpr === 'on';
  const node = params.get('node');
  if (node && /^[0-9a-fA-F.:]{2,45}$/.test(node)) options.nodeIp = node;
  const format = params.get('format');
  if (format && (format === 'auto' || FORMATS.some((f) => f.id === format)))
    options.format = format as Format | 'auto';
  const ports: Partial<Record<PortOption, number>> = {};
  for (const key of PORT_OPTIONS) {
    const v = Number(params.get(key));
    if (Number.isInteger(v) && v >= 1 && v <= 65535) ports[key] = v;
  }
  if (Object.keys(ports).length) options.ports = ports;
  const input =
    params.get('input') ??
    (params.get('ports') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .join('\n');
  return { input, options, ...(params.get('mode') === 'audit' ? { audit: true } : {}) };
}

export function encodeFragment(state: ShareState): string {
  const params = new URLSearchParams();
  const o = state.options;
  const list = state.input
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (
    list.length &&
    list.every((l) => /^\d{1,5}(\/(tcp|udp))?$/i.test(l)) &&
    list.join(',').length < 200
  )
    params.set('ports', list.join(','));
  else if (state.input) params.set('input', state.input);
  if (o.release) params.set('release', o.release);
  if (o.role) params.set('role', o.role);
  if (o.datastore) params.set('datastore', o.datastore);
  if (o.kubeProxyReplacement !== undefined)
    params.set('kpr', o.kubeProxyReplacement ? 'on' : 'off');
  if (o.nodeIp) params.set('node', o.nodeIp);
  if (o.format && o.format !== 'auto') params.set('format', o.format);
  for (const key of PORT_OPTIONS) if (o.ports?.[key]) params.set(key, String(o.ports[key]));
  if (state.audit) params.set('mode', 'audit');
  return `#${params.toString()}`;
}
