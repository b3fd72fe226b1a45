/**
 * `ip -d link show` (or `ip -d link show type vxlan`): each VXLAN device's UDP destination port.
 * The kernel's VXLAN socket listens on that port on every address, so a device other than
 * Cilium's own on Cilium's tunnel port is a clash; other devices are not sockets.
 */
import type { ParseResult } from '../types.ts';
import { eachLine, emptyResult, pushEntry } from './common.ts';

/** `5: ftun0: <BROADCAST,...> mtu 1450 ...` or `7: vxlan0@eth0: <...>`. */
export const LINK_HEADER = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<[\w,-]*>/;

/** The detail line of a VXLAN device: `vxlan id 1 local 10.0.0.5 dev eth0 srcport 0 0 dstport 8472 ...`. */
export const VXLAN_LINE = /^vxlan\b.*?\bdstport\s+(\d+)/;

export function parseIpLink(text: string): ParseResult {
  const result = emptyResult('ip-link');
  let device = '';
  let header = { line: 0, text: '' };
  let vxlan = false;
  const closeDevice = () => {
    if (device && !vxlan)
      result.ignored.push({ ...header, reason: `${device} is not a VXLAN device: no UDP socket` });
  };
  eachLine(text, (line, n, t) => {
    const head = LINK_HEADER.exec(t);
    if (head) {
      closeDevice();
      device = head[1]!;
      header = { line: n, text: line };
      vxlan = false;
      return;
    }
    const m = VXLAN_LINE.exec(t);
    if (!m) return;
    vxlan = true;
    pushEntry(
      result,
      {
        line: n,
        kind: 'listen',
        port: Number(m[1]),
        protocol: 'udp',
        ...(device ? { device } : {}),
        note: `VXLAN device ${device || '(unnamed)'}: the kernel listens on UDP ${m[1]} on every address`,
        address: '*',
      },
      'plain',
    );
  });
  closeDevice();
  if (!result.entries.length && !result.ignored.length)
    result.unrecognized.push({
      line: 1,
      text: text.split('\n')[0] ?? '',
      reason: 'no ip -d link device here',
    });
  return result;
}
