/**
 * Reads a search box query. Numbers are answered from the port index, never by full-text search:
 * Pagefind prefix-matches, so "64431" would otherwise return the 6443 page.
 */
import { isPort } from './ports.ts';
export interface PortIndexEntry {
  port: number;
  protocols: string[];
  services: string[];
  url: string;
  summary: string;
}

export type PortAnswer =
  | { kind: 'exact'; entry: PortIndexEntry; partial: PortIndexEntry[] }
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

export function answerQuery(query: string, index: readonly PortIndexEntry[]): PortAnswer {
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
      entries: index.filter((e) => e.port >= lo && e.port <= hi),
    };
  }
  if (!isPort(from) || /^0\d/.test(parsed.from)) return { kind: 'out-of-range', text: parsed.from };
  const partial = index.filter((e) => String(e.port).startsWith(parsed.from) && e.port !== from);
  const exact = index.find((e) => e.port === from);
  return exact ? { kind: 'exact', entry: exact, partial } : { kind: 'unused', port: from, partial };
}
