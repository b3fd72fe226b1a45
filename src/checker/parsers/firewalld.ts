/**
 * `firewall-cmd --list-all`. An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import type { FirewalldCatalog } from '../../domain/schema.ts';
import { allow, eachLine, emptyResult } from './common.ts';
import { shellWords } from './commands.ts';

/** Opens what a firewalld service opens, or says why it cannot. */
export function allowService(
  result: ParseResult,
  n: number,
  line: string,
  name: string,
  catalog: FirewalldCatalog | undefined,
): void {
  const ports = catalog?.services[name];
  if (!ports) {
    result.unrecognized.push({
      line: n,
      text: line,
      reason: catalog
        ? `firewalld ${catalog.version} ships no service "${name}"; \`firewall-cmd --info-service ${name}\` lists its ports`
        : `firewalld service "${name}" is defined elsewhere; \`firewall-cmd --info-service ${name}\` lists its ports`,
    });
    return;
  }
  if (!ports.length) {
    result.ignored.push({ line: n, text: line, reason: `firewalld service ${name} opens no port` });
    return;
  }
  const secure = catalog.services[`${name}-secure`];
  const legacy = secure ? ports.filter((p) => !secure.includes(p)) : [];
  const note = `from firewalld service ${name}`;
  if (secure && legacy.length)
    result.notes.push(
      `Line ${n}: firewalld service ${name} (firewalld ${catalog.version}) opens the insecure ports ${legacy.join(', ')}, which Canonical Kubernetes does not serve; ${name}-secure opens ${secure.filter((p) => !ports.includes(p)).join(', ')} instead.`,
    );
  for (const spec of ports) {
    const [range, protocol] = spec.split('/');
    if (protocol === 'tcp' || protocol === 'udp') allow(result, n, line, range!, [protocol], note);
  }
}

/**
 * One `firewall-cmd` command's arguments: `--add-port=6443/tcp`, `--add-service=kube-apiserver`,
 * `--add-rich-rule='rule ... port port="6443" protocol="tcp" accept'`, any number of each, with
 * `--permanent` and `--zone`. Removals, listings and reloads are not rules.
 */
export function firewallCmd(
  result: ParseResult,
  n: number,
  line: string,
  args: string,
  catalog: FirewalldCatalog | undefined,
): void {
  const words = shellWords(args);
  let found = false;
  for (let i = 0; i < words.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(words[i]!);
    if (!m) continue;
    const [, option, inline] = m;
    const value = () => inline ?? words[++i] ?? '';
    if (option === 'service' || option === 'new-service') {
      result.ignored.push({
        line: n,
        text: line,
        reason: 'edits a service definition, not a zone',
      });
      return;
    }
    if (option === 'add-port') {
      found = true;
      const item = value();
      const pm = /^(\d+(?:-\d+)?)\/(tcp|udp|sctp|dccp)$/.exec(item);
      if (!pm) result.unrecognized.push({ line: n, text: line, reason: `cannot read "${item}"` });
      else if (pm[2] === 'tcp' || pm[2] === 'udp') allow(result, n, line, pm[1]!, [pm[2]]);
      else result.ignored.push({ line: n, text: line, reason: `${item}: not TCP or UDP` });
    } else if (option === 'add-service') {
      found = true;
      allowService(result, n, line, value(), catalog);
    } else if (option === 'add-rich-rule') {
      found = true;
      richRule(result, n, line, value());
    } else if (/^(zone|permanent|timeout)$/.test(option!)) {
      if (option === 'zone' && inline === undefined) i++;
    } else if (option!.startsWith('add-')) {
      found = true;
      result.ignored.push({
        line: n,
        text: line,
        reason: `--${option}: opens no port to this host`,
      });
    }
  }
  if (!found)
    result.ignored.push({
      line: n,
      text: line,
      reason: 'firewall-cmd without --add-port, --add-service or --add-rich-rule',
    });
}

/** A rich rule that accepts a port, in a listing or a command. */
function richRule(result: ParseResult, n: number, line: string, rule: string): void {
  const rich = /^rule\b.*?\bport\s+port="?([\d-]+)"?\s+protocol="?(tcp|udp)"?.*\baccept\b/.exec(
    rule.trim(),
  );
  if (rich) allow(result, n, line, rich[1]!, [rich[2] as Transport], 'rich rule');
  else result.ignored.push({ line: n, text: line, reason: 'rich rule without an accepted port' });
}

export function parseFirewalld(text: string, catalog?: FirewalldCatalog): ParseResult {
  const result = emptyResult('firewalld');
  eachLine(text, (line, n, t) => {
    if (
      /^[\w-]+(\s+\(active\))?$/.test(t) ||
      /^(target|icmp-block-inversion|interfaces|sources|protocols|forward|masquerade|forward-ports|source-ports|icmp-blocks|ingress-priority|egress-priority|priority):/.test(
        t,
      )
    )
      return;
    const ports = /^ports:\s*(.*)$/.exec(t);
    if (ports) {
      for (const item of ports[1]!.split(/\s+/).filter(Boolean)) {
        const m = /^(\d+(?:-\d+)?)\/(tcp|udp|sctp|dccp)$/.exec(item);
        if (!m) result.unrecognized.push({ line: n, text: line, reason: `cannot read "${item}"` });
        else if (m[2] === 'tcp' || m[2] === 'udp') allow(result, n, line, m[1]!, [m[2]]);
        else
          result.ignored.push({
            line: n,
            text: line,
            reason: `${item}: ${m[2]!.toUpperCase()} is not checked`,
          });
      }
      return;
    }
    const services = /^services:\s*(.*)$/.exec(t);
    if (services) {
      for (const name of services[1]!.split(/\s+/).filter(Boolean))
        allowService(result, n, line, name, catalog);
      return;
    }
    if (/^rich rules:\s*$/.test(t)) return;
    const rule = /^(?:rich rules:\s*)?(rule\b.*)$/.exec(t);
    if (rule) {
      richRule(result, n, line, rule[1]!);
      return;
    }
    result.unrecognized.push({ line: n, text: line, reason: 'not a firewall-cmd --list-all line' });
  });
  return result;
}
