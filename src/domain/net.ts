/** IP addresses and CIDRs as people type them. */
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(text: string): boolean {
  const m = IPV4.exec(text);
  return !!m && m.slice(1).every((n) => Number(n) <= 255);
}

export function isIPv6(text: string): boolean {
  return /^[0-9a-f:.]+$/i.test(text) && text.includes(':') && text.split('::').length <= 2;
}

/** An IPv4 or IPv6 address, with or without a prefix length: `10.0.0.0/24`, `2001:db8::/32`. */
export function isCidr(text: string): boolean {
  const [ip = '', bits, extra] = text.split('/');
  if (extra !== undefined || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return false;
  if (isIPv4(ip)) return bits === undefined || Number(bits) <= 32;
  return isIPv6(ip) && (bits === undefined || Number(bits) <= 128);
}

export const isV6 = (cidr: string): boolean => cidr.includes(':');
