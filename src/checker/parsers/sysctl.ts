/**
 * `sysctl net.ipv4.ip_local_port_range net.ipv4.ip_local_reserved_ports`: the ports the kernel
 * hands to outgoing connections, and those it keeps back. A service port inside the range and
 * not reserved can be taken by an outgoing connection before the service starts.
 */
import type { ParseResult } from '../types.ts';
import { eachLine, emptyResult } from './common.ts';

/** Linux's default when the paste has no ip_local_port_range line. */
export const DEFAULT_EPHEMERAL = { from: 32768, to: 60999 };

export const SYSCTL_LINE = /^net\.ipv4\.ip_local_(port_range|reserved_ports)\s*[=:]\s*(.*)$/;

export function parseSysctl(text: string): ParseResult {
  const result = emptyResult('sysctl');
  let range: { line: number; from: number; to: number } | undefined;
  let reserved: { from: number; to: number }[] | undefined;
  let reservedLine: number | undefined;
  eachLine(text, (line, n, t) => {
    // `cat /proc/sys/net/ipv4/ip_local_port_range` prints the two numbers alone, tab-separated.
    const m = SYSCTL_LINE.exec(t) ?? (/^\d{1,6}\s+\d{1,6}$/.test(t) ? [t, 'port_range', t] : null);
    if (!m) {
      result.ignored.push({
        line: n,
        text: line,
        reason: 'not an ip_local_port_range or ip_local_reserved_ports line',
      });
      return;
    }
    if (m[1] === 'port_range') {
      const nums = /^(\d{1,6})\s+(\d{1,6})$/.exec(m[2].trim());
      if (!nums || Number(nums[1]) > Number(nums[2]) || Number(nums[2]) > 65535) {
        result.unrecognized.push({
          line: n,
          text: line,
          reason: 'expected two port numbers, low then high',
        });
        return;
      }
      range = { line: n, from: Number(nums[1]), to: Number(nums[2]) };
      return;
    }
    const list: { from: number; to: number }[] = [];
    for (const item of m[2]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const r = /^(\d+)(?:-(\d+))?$/.exec(item);
      if (!r) {
        result.unrecognized.push({ line: n, text: line, reason: `cannot read "${item}"` });
        return;
      }
      const from = Number(r[1]);
      const to = Number(r[2] ?? r[1]);
      if (to > 65535 || from > to) {
        result.unrecognized.push({
          line: n,
          text: line,
          reason: `"${item}" is not a port or a range of ports within 1-65535, low then high`,
        });
        return;
      }
      list.push({ from, to });
    }
    reserved = list;
    reservedLine = n;
  });
  if (!range && !reserved) return result;
  if (!range)
    result.notes.push(
      `No net.ipv4.ip_local_port_range line: Linux's default, ${DEFAULT_EPHEMERAL.from}-${DEFAULT_EPHEMERAL.to}, is assumed.`,
    );
  if (!reserved)
    result.notes.push('No net.ipv4.ip_local_reserved_ports line: none are assumed reserved.');
  result.ephemeral = {
    line: range?.line ?? reservedLine ?? 1,
    ...(reservedLine ? { reservedLine } : {}),
    ...(range ?? DEFAULT_EPHEMERAL),
    reserved: reserved ?? [],
  };
  return result;
}
