/** Plain lists: `80, 443`, `9000/tcp`, `udp/8472`, `10248-10260`, `host:port`, `[ipv6]:port`, and Markdown tables of them. */
import { splitHostPort } from '../address.ts';
import type { ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, pushPorts } from './common.ts';
import { readSocketLine } from './listing.ts';

const FILLER = new Set(['port', 'ports', 'and', 'or', 'on', 'proto', 'protocol', '&', '-', '—']);
const HEADER_WORDS =
  /^(port|ports|protocol|proto|service|services|description|interface|address|state|name|local|&|host|notes?)$/i;

/** `tcp`, `udp`, and netstat's `tcp6`/`udp6`. */
function protocolWord(token: string): Transport | undefined {
  const m = /^(tcp|udp)6?$/.exec(token.toLowerCase());
  return m ? (m[1] as Transport) : undefined;
}

/** `9000/tcp`, `tcp/9000`, `127.0.0.1:9000/udp`, `[::1]:80`, `10248-10260`. */
function readToken(
  token: string,
): { address?: string; spec: string; protocol?: Transport } | undefined {
  let t = token;
  let protocol: Transport | undefined;
  const suffix = /^(.*)\/(tcp|udp)$/i.exec(t);
  const prefix = /^(tcp|udp)\/(.*)$/i.exec(t);
  if (suffix) [t, protocol] = [suffix[1]!, suffix[2]!.toLowerCase() as Transport];
  else if (prefix) [t, protocol] = [prefix[2]!, prefix[1]!.toLowerCase() as Transport];
  if (/^:\d/.test(t)) t = t.slice(1);
  if (/^\d{1,7}([-:]\d{1,7})?$/.test(t) && !/^\d+:\d+$/.test(t))
    return { spec: t, ...(protocol ? { protocol } : {}) };
  const split = splitHostPort(t);
  if (split && /^\d{1,7}(-\d{1,7})?$/.test(split.port) && split.host)
    return { address: split.host, spec: split.port, ...(protocol ? { protocol } : {}) };
  if (/^\d+:\d+$/.test(t)) return { spec: t, ...(protocol ? { protocol } : {}) };
  return undefined;
}

/** A skipped word as a reason quotes it: at most 40 characters. */
const word = (w: string) => (w.length > 40 ? `${w.slice(0, 39)}…` : w);

export function parsePlain(text: string): ParseResult {
  const result = emptyResult('plain');
  eachLine(text, (line, n, whole) => {
    if (readSocketLine(result, line, n, whole)) return;
    const trimmed = line.replace(/(^|\s)#.*$/, '').trim();
    if (!trimmed || /^#{1,6}\s/.test(whole) || /^\|?[\s:|-]+\|?$/.test(trimmed)) return;
    const table = trimmed.startsWith('|');
    const tokens = table
      ? trimmed
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean)
      : trimmed.split(/[\s,;]+/).filter(Boolean);
    if (
      !/\d/.test(trimmed) &&
      tokens.every((t) => t.split(/\s+/).every((w) => HEADER_WORDS.test(w)))
    )
      return;
    // The line's protocol words, once per line (not once per port: a long line has thousands).
    const lineProtocols = [...new Set(tokens.map(protocolWord).filter((p): p is Transport => !!p))];
    const found: { address?: string; spec: string; protocol?: Transport }[] = [];
    const unknown: string[] = [];
    for (const token of tokens) {
      if (protocolWord(token) || FILLER.has(token.toLowerCase())) continue;
      const read = readToken(token);
      if (read) found.push(read);
      else unknown.push(token);
      // In a table only the first port-like cell is the port; the rest is prose.
      if (table && found.length) break;
    }
    if (!found.length) {
      result.unrecognized.push({
        line: n,
        text: line,
        reason: unknown.length
          ? `no port in "${unknown.slice(0, 3).map(word).join(' ')}"`
          : 'no port on this line',
      });
      return;
    }
    for (const f of found) {
      const protocols = f.protocol
        ? [f.protocol]
        : lineProtocols.length
          ? lineProtocols
          : undefined;
      pushPorts(
        result,
        { line: n, kind: 'listen', ...(f.address ? { address: f.address } : {}) },
        f.spec,
        protocols,
        'plain',
        line,
      );
    }
    if (unknown.length && !table)
      result.ignored.push({
        line: n,
        text: line,
        reason: `words that are not ports were skipped: ${unknown.slice(0, 5).map(word).join(', ')}`,
      });
  });
  return result;
}
