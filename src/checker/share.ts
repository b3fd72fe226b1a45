/**
 * The checker's shareable state, kept in the URL fragment (never sent to a server):
 * `#ports=9000,10250&role=worker`, or `#input=<url-encoded paste>&release=1.35&datastore=k8s-dqlite`.
 * The node's options use the keys of the node field table (domain/node.ts).
 */
import { nodeFromParams, nodeToParams, type NodeInput } from '../domain/node.ts';
import { isFirewallTool, TOOLS, type FirewallTool } from '../domain/enums.ts';
import { FORMATS, type FormatChoice } from './types.ts';

export interface ShareState {
  input: string;
  node: NodeInput;
  format?: FormatChoice;
  /** Audit the node instead of checking for conflicts. */
  audit?: boolean;
  /** The firewall tool whose rules a reachability report gives for blocked paths (default ufw). */
  tool?: FirewallTool;
}

const isFormat = (text: string): text is FormatChoice =>
  text === 'auto' || FORMATS.some((f) => f.id === text);

export function decodeFragment(hash: string): ShareState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const format = params.get('format');
  const tool = params.get('tool');
  const ports = (params.get('ports') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    input: params.get('input') ?? ports.join('\n'),
    node: nodeFromParams(params, 'check'),
    ...(format && isFormat(format) ? { format } : {}),
    ...(params.get('mode') === 'audit' ? { audit: true } : {}),
    ...(tool && isFirewallTool(tool) && tool !== TOOLS[0] ? { tool } : {}),
  };
}

export function encodeFragment(state: ShareState): string {
  const params = new URLSearchParams();
  const list = state.input
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const shortList =
    list.length &&
    list.every((l) => /^\d{1,5}(\/(tcp|udp))?$/i.test(l)) &&
    list.join(',').length < 200;
  if (shortList) params.set('ports', list.join(','));
  else if (state.input) params.set('input', state.input);
  nodeToParams(state.node, 'check', params);
  if (state.format && state.format !== 'auto') params.set('format', state.format);
  if (state.audit) params.set('mode', 'audit');
  if (state.tool && state.tool !== TOOLS[0]) params.set('tool', state.tool);
  return `#${params.toString()}`;
}
