/**
 * Reads a search box query. Numbers are answered from the port index, never by full-text search:
 * Pagefind prefix-matches, so "64431" would otherwise return the 6443 page.
 */
import { isPort } from './ports.ts';
export interface PortIndexEntry {
  port: number;
  /** The last port of a range page (the node port range). */
  endPort?: number;
  protocols: string[];
  services: string[];
  /** The keys of k8sd's pre-flight checks that test this port. */
  keys: string[];
  url: string;
  summary: string;
}

export type PortAnswer =
  | { kind: 'exact'; entry: PortIndexEntry; partial: PortIndexEntry[] }
  /** A pre-flight check key, or a pasted `port N (needed by: key)` message. */
  | { kind: 'key'; key: string; entry: PortIndexEntry }
  /** A number inside a range page's range. */
  | { kind: 'in-range'; port: number; entry: PortIndexEntry; partial: PortIndexEntry[] }
  | { kind: 'unused'; port: number; partial: PortIndexEntry[] }
  | { kind: 'range'; from: number; to: number; entries: PortIndexEntry[] }
  | { kind: 'out-of-range'; text: string }
  | { kind: 'words'; text: string };

const FILLER = new Set([
  'what',
  'whats',
  "what's",
  'is',
  'the',
  'port',
  'ports',
  'on',
  'uses',
  'used',
  'which',
  'service',
  'tcp',
  'udp',
  'number',
]);

/** Strips the ways people write a port: "6443/tcp", "tcp 6443", ":6443", "port 6443", "what is 6443?". */
export function extractPortQuery(
  query: string,
): { from: string; to?: string; protocol?: string } | undefined {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/[?!.,]+$/g, '');
  const range = /^(?:ports?\s+)?(\d+)\s*(?:-|–|\.\.|:|to)\s*(\d+)(?:\/(tcp|udp))?$/.exec(q);
  if (range) return { from: range[1]!, to: range[2]!, ...(range[3] ? { protocol: range[3] } : {}) };
  const words = q.split(/\s+/).filter(Boolean);
  let number: string | undefined;
  let protocol: string | undefined;
  for (const word of words) {
    const m = /^:?(\d+)(?:\/(tcp|udp))?$|^(tcp|udp)\/(\d+)$/.exec(word);
    if (m) {
      if (number !== undefined) return undefined;
      number = m[1] ?? m[4];
      protocol = m[2] ?? m[3] ?? protocol;
    } else if (word === 'tcp' || word === 'udp') protocol = word;
    else if (!FILLER.has(word)) return undefined;
  }
  return number === undefined ? undefined : { from: number, ...(protocol ? { protocol } : {}) };
}

/**
 * A check key as typed, or the key inside a pasted pre-flight message. A typed key that is also a
 * service's name ("kubelet", "etcd") stays a word query: the service page is the better answer.
 */
function checkKey(query: string, index: readonly PortIndexEntry[]): PortAnswer | undefined {
  const q = query.trim().toLowerCase();
  const message = /needed by:\s*([\w-]+)\)/.exec(q);
  const key = message?.[1] ?? q;
  if (!message && index.some((e) => e.services.some((s) => s.toLowerCase() === key)))
    return undefined;
  const port = Number(/port (\d+) \(needed by/.exec(q)?.[1]);
  const entry =
    index.find((e) => e.keys.includes(key) && (!message || e.port === port)) ??
    index.find((e) => e.keys.includes(key));
  return entry ? { kind: 'key', key, entry } : undefined;
}

export function answerQuery(query: string, index: readonly PortIndexEntry[]): PortAnswer {
  const byKey = checkKey(query, index);
  if (byKey) return byKey;
  const parsed = extractPortQuery(query);
  if (!parsed) return { kind: 'words', text: query.trim() };
  const from = Number(parsed.from);
  if (parsed.to !== undefined) {
    const to = Number(parsed.to);
    if (!isPort(from) || !isPort(to))
      return { kind: 'out-of-range', text: `${parsed.from}-${parsed.to}` };
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    return {
      kind: 'range',
      from: lo,
      to: hi,
      entries: index.filter((e) => e.port <= hi && (e.endPort ?? e.port) >= lo),
    };
  }
  if (!isPort(from) || /^0\d/.test(parsed.from)) return { kind: 'out-of-range', text: parsed.from };
  const single = index.filter((e) => e.endPort === undefined);
  const partial = single.filter((e) => String(e.port).startsWith(parsed.from) && e.port !== from);
  const exact = single.find((e) => e.port === from);
  if (exact) return { kind: 'exact', entry: exact, partial };
  const range = index.find((e) => e.endPort !== undefined && from >= e.port && from <= e.endPort);
  if (range) return { kind: 'in-range', port: from, entry: range, partial };
  return { kind: 'unused', port: from, partial };
}
