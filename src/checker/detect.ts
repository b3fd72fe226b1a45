/** Guesses what kind of listing a paste is, from its own markers. */
import type { Format } from './types.ts';
import { CLASH, LOG_LINE } from './parsers/log.ts';
import { splitCommands } from './parsers/commands.ts';
import { LINK_HEADER, VXLAN_LINE } from './parsers/iplink.ts';
import { looksLikeCloudInit } from './parsers/cloud-init.ts';

export function looksLikeYaml(text: string): boolean {
  // A top-level `services:` (Compose) or `apiVersion:`/`kind:` (Kubernetes), or the same keys in JSON.
  return (
    /^(services|apiVersion|kind)[ \t]*:/m.test(text) ||
    (/^\s*[{[]/.test(text) && /"(apiVersion|kind|services)"\s*:/.test(text))
  );
}

/** Log lines or bind errors make up at least a third of the lines. */
function looksLikeLog(sample: string): boolean {
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim());
  const logs = lines.filter((l) => LOG_LINE.test(l.trim()) || CLASH.test(l)).length;
  return logs > 0 && logs * 3 >= lines.length;
}

export function detectFormat(text: string): Format {
  const sample = text.slice(0, 200_000);
  if (/^ck8s-reach v1 /m.test(sample)) return 'reach';
  // cloud-init user data: its commands are read as a script (parsers/cloud-init.ts).
  if (looksLikeCloudInit(sample)) return 'script';
  if (looksLikeYaml(sample))
    return /^[ \t]*(- )?(apiVersion|kind)[ \t]*:/m.test(sample) ||
      /"(apiVersion|kind)"\s*:/.test(sample)
      ? 'kubernetes'
      : 'compose';
  // Firewall commands are read as rules whatever the rest is; a script of them is its own format.
  const split = splitCommands(sample);
  if (!split.commands.length) return detectRest(sample);
  const rest = detectRest(split.rest);
  return rest === 'plain' ? 'script' : rest;
}

function detectRest(sample: string): Format {
  if (looksLikeYaml(sample)) {
    if (
      /^[ \t]*(- )?(apiVersion|kind)[ \t]*:/m.test(sample) ||
      /"(apiVersion|kind)"\s*:/.test(sample)
    )
      return 'kubernetes';
    return 'compose';
  }
  if (
    /^[ \t]*(Status: (in)?active|To[ \t]+Action[ \t]+From)/m.test(sample) ||
    /^[ \t]*(\[[ \t]*\d+\][ \t]*)?\S+[ \t]+(ALLOW|DENY|LIMIT|REJECT)([ \t]+(IN|OUT))?[ \t]+\S/m.test(
      sample,
    )
  )
    return 'ufw';
  if (
    /^[ \t]*(ports|services|target|interfaces):/m.test(sample) &&
    /^\S+[ \t]+\(active\)|^[ \t]*target:[ \t]/m.test(sample)
  )
    return 'firewalld';
  if (
    /^[ \t]*-A[ \t]+\S+[ \t]/m.test(sample) ||
    /^Chain[ \t]+\S+[ \t]+\((policy|\d+ references)/m.test(sample)
  )
    return 'iptables';
  if (
    /\b(tcp|udp|th)\s+dport\b/.test(sample) ||
    /^[ \t]*table[ \t]+(inet|ip6?|bridge|netdev|arp)[ \t]/m.test(sample)
  )
    return 'nft';
  if (looksLikeLog(sample)) return 'log';
  if (/^net\.ipv4\.ip_local_(port_range|reserved_ports)[ \t]*[=:]/m.test(sample)) return 'sysctl';
  if (sample.split('\n', 50).some((l) => LINK_HEADER.test(l.trim()) || VXLAN_LINE.test(l.trim())))
    return 'ip-link';
  if (
    /^[ \t]*CONTAINER[ \t]+ID[ \t]+IMAGE/m.test(sample) ||
    /(?<!\d)\d+->\d+\/(tcp|udp)/.test(sample)
  )
    return 'docker-ps';
  if (
    /\bPORT\(S\)/.test(sample) ||
    /^\S+[ \t]+\S+[ \t]+(ClusterIP|NodePort|LoadBalancer|ExternalName)[ \t]/m.test(sample)
  )
    return 'kubectl-svc';
  if (
    /^[ \t]*COMMAND[ \t]+PID[ \t]+USER/m.test(sample) ||
    /\s(IPv4|IPv6)\s+\S+\s+\S+\s+(TCP|UDP)\s/.test(sample)
  )
    return 'lsof';
  if (
    /^[ \t]*Proto[ \t]+Recv-Q/m.test(sample) ||
    /^[ \t]*(tcp6?|udp6?)[ \t]+\d+[ \t]+\d+[ \t]+\S+:\S+[ \t]+\S+/m.test(sample)
  )
    return 'netstat';
  if (
    /^[ \t]*(Netid[ \t]+)?State[ \t]+Recv-Q/m.test(sample) ||
    /^[ \t]*((tcp|udp)[ \t]+)?(LISTEN|UNCONN|ESTAB)[ \t]+\d+[ \t]+\d+[ \t]/m.test(sample)
  )
    return 'ss';
  return 'plain';
}
