/**
 * `ufw status` (plain, verbose and numbered). An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { ALL_PORTS, BOTH, allow, eachLine, emptyResult } from './common.ts';
import { shellWords } from './commands.ts';

export function parseUfw(text: string): ParseResult {
  const result = emptyResult('ufw');
  eachLine(text, (line, n, t) => {
    if (
      /^(Status|Logging|Default|New profiles):/.test(t) ||
      /^To\s+Action\s+From/.test(t) ||
      /^[-\s]+$/.test(t)
    )
      return;
    const m =
      /^(?:\[\s*\d+\]\s*)?(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?\s+(.+)$/.exec(t);
    if (!m) {
      result.unrecognized.push({ line: n, text: line, reason: 'not a ufw rule line' });
      return;
    }
    const [, rawTo, action, direction] = m;
    if (action === 'DENY' || action === 'REJECT') {
      result.ignored.push({ line: n, text: line, reason: `${action} rule: not an allow` });
      return;
    }
    if (direction === 'OUT' || direction === 'FWD') {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${direction} rule: not traffic to this host`,
      });
      return;
    }
    const to = rawTo!
      .replace(/\s*\(v6\)/g, '')
      .replace(/\s+on\s+\S+$/, '')
      .trim();
    // "To" may be a destination address and a port: "10.0.0.5 6443/tcp".
    const spec = to.split(/\s+/).pop()!;
    const isAddress =
      /^[0-9a-f.:]+(\/\d+)?$/i.test(spec) && /[.:]/.test(spec) && !/^\d+:\d+$/.test(spec);
    if (/^Anywhere$/i.test(spec) || isAddress) {
      allow(result, n, line, ALL_PORTS, BOTH, 'allows every port');
      return;
    }
    const pm = /^([\d,:]+)(?:\/(tcp|udp))?$/i.exec(spec);
    if (!pm) {
      result.unrecognized.push({
        line: n,
        text: line,
        reason: `"${spec}" is an application profile; \`ufw app info ${spec}\` lists its ports`,
      });
      return;
    }
    const protocols = pm[2] ? [pm[2].toLowerCase() as Transport] : BOTH;
    for (const part of pm[1]!.split(',').filter(Boolean))
      allow(
        result,
        n,
        line,
        part,
        protocols,
        pm[2] ? undefined : 'no protocol: ufw allows TCP and UDP',
      );
  });
  return result;
}

const UFW_VERBS = /^(enable|disable|reload|reset|status|show|logging|default|app|version|help)$/;

/**
 * One `ufw` command's arguments, in every documented form: `allow 6443/tcp`, `allow 6443`,
 * `allow proto tcp from 10.0.0.0/24 to any port 6443`, `allow in on eth0 to any port 30000:32767
 * proto tcp`, `limit 22/tcp`, `insert 1 allow ...`, with `--dry-run` and a trailing comment.
 */
export function ufwCommand(result: ParseResult, n: number, line: string, args: string): void {
  const skip = (reason: string): void => {
    result.ignored.push({ line: n, text: line, reason });
  };
  const words = shellWords(args).filter((w) => w !== '--dry-run');
  const commentAt = words.indexOf('comment');
  if (commentAt >= 0) words.splice(commentAt);
  if (words[0] === 'rule') words.shift();
  if (words[0] === 'prepend') words.shift();
  if (words[0] === 'insert') words.splice(0, 2);
  const verb = words.shift() ?? '';
  if (UFW_VERBS.test(verb)) return skip(`ufw ${verb}: not a rule`);
  if (verb === 'delete') return skip('ufw delete: removes a rule');
  if (verb === 'route') return skip('ufw route: a forwarded (FWD) rule, not traffic to this host');
  if (verb === 'deny' || verb === 'reject') return skip(`${verb} rule: not an allow`);
  if (verb !== 'allow' && verb !== 'limit') {
    result.unrecognized.push({ line: n, text: line, reason: `ufw ${verb}: not a ufw command` });
    return;
  }
  if (words[0] === 'out') return skip('OUT rule: not traffic to this host');
  if (words[0] === 'in') words.shift();
  if (words[0] === 'on') words.splice(0, 2);
  if (words[0] === 'log' || words[0] === 'log-all') words.shift();
  let protocols: Transport[] = BOTH;
  let spec: string | undefined;
  let app: string | undefined;
  if (words.length === 1 && !['proto', 'from', 'to'].includes(words[0]!)) {
    // The short form: PORT[/PROTOCOL] or an application profile.
    const pm = /^([\d,:]+)(?:\/(tcp|udp))?$/i.exec(words[0]!);
    if (!pm) app = words[0];
    else {
      spec = pm[1];
      if (pm[2]) protocols = [pm[2].toLowerCase() as Transport];
    }
  } else {
    let side = '';
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const next = words[i + 1];
      if (w === 'proto' && next) {
        if (next === 'tcp' || next === 'udp') protocols = [next];
        else return skip(`proto ${next}: not TCP or UDP`);
        i++;
      } else if (w === 'from' || w === 'to') {
        side = w;
        i++;
      } else if (w === 'port' && next && side === 'to') {
        spec = next;
        i++;
      } else if (w === 'app' && next && side === 'to') {
        app = next;
        i++;
      } else if (w === 'port' || w === 'app') i++;
    }
  }
  if (app) {
    result.unrecognized.push({
      line: n,
      text: line,
      reason: `"${app}" is an application profile; \`ufw app info ${app}\` lists its ports`,
    });
    return;
  }
  if (spec === undefined) {
    allow(result, n, line, ALL_PORTS, protocols, 'allows every port');
    return;
  }
  for (const part of spec.split(',').filter(Boolean))
    allow(
      result,
      n,
      line,
      part,
      protocols,
      protocols.length > 1 ? 'no protocol: ufw allows TCP and UDP' : undefined,
    );
}
