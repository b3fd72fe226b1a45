/**
 * The one strict parser for addresses and networks that can reach a command or a generated file.
 * IPv4 is four decimal octets without leading zeros (iptables and nft read `010` as octal 8);
 * IPv6 is read as RFC 4291 writes it and printed as RFC 5952 says; a prefix is within range and
 * leaves no host bits set. What it returns is a branded string that only this module produces,
 * and the generators take only those types, so no text from input can reach their output.
 * Listings pasted into the checker are read more widely (`*`, `[::]`, zone ids) in
 * checker/address.ts: none of that reaches a command.
 */
declare const ADDRESS: unique symbol;
declare const NETWORK: unique symbol;

/** An IP address as parseIp printed it: `10.0.0.5`, `2001:db8::1`. */
export type IpAddress = string & { readonly [ADDRESS]: true };
/** A network as parseCidr printed it: `10.0.0.0/24`, `2001:db8::/32`, or one address. */
export type Cidr = string & { readonly [NETWORK]: true };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Four octets, or undefined: no leading zeros, no signs, no spaces, each at most 255. */
export function parseIPv4(text: string): number[] | undefined {
  if (text.length > 15) return undefined;
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or undefined, for RFC 4291 text forms (with `::` and a trailing IPv4). */
export function parseIPv6(text: string): number[] | undefined {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string, last: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (last && i === items.length - 1 && item.includes('.')) {
        const v4 = parseIPv4(item);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  if (halves.length === 1) {
    const all = groupsOf(text, true);
    return all?.length === 8 ? all : undefined;
  }
  const head = groupsOf(halves[0]!, false);
  const tail = groupsOf(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
export function formatIPv6(groups: readonly number[]): string {
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped)
    return `::ffff:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/** Why a text is no address, in words a person can act on. */
function addressError(text: string): string {
  if (text.includes('%')) return 'a zone id (%eth0) cannot go into a firewall rule';
  if (/(^|\.)0\d/.test(text) && !text.includes(':'))
    return 'an octet has a leading zero, which iptables and nft read as octal';
  return 'not an IPv4 or IPv6 address';
}

/** An address, normalised, or why it is not one. */
export function parseIp(text: string): Parsed<IpAddress> {
  if (parseIPv4(text)) return { ok: true, value: text as IpAddress };
  const v6 = parseIPv6(text);
  if (v6) return { ok: true, value: formatIPv6(v6) as IpAddress };
  return fail(addressError(text));
}

/** Groups (16-bit) of either family, for masking; IPv4 as two groups. */
function toGroups(text: string): { groups: number[]; bits: number } | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { groups: [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!], bits: 32 };
  const v6 = parseIPv6(text);
  return v6 ? { groups: v6, bits: 128 } : undefined;
}

function fromGroups(groups: number[], bits: number): string {
  if (bits === 128) return formatIPv6(groups);
  return [groups[0]! >> 8, groups[0]! & 255, groups[1]! >> 8, groups[1]! & 255].join('.');
}

/**
 * A network (`10.0.0.0/24`), or with `prefix: 'optional'` also one address; normalised. A prefix
 * that leaves host bits set is refused, with the network it would mean.
 */
export function parseCidr(
  text: string,
  { prefix = 'optional' }: { prefix?: 'optional' | 'required' } = {},
): Parsed<Cidr> {
  const slash = text.indexOf('/');
  const ip = slash < 0 ? text : text.slice(0, slash);
  const bitsText = slash < 0 ? undefined : text.slice(slash + 1);
  const parsed = toGroups(ip);
  if (!parsed) return fail(addressError(ip));
  if (bitsText === undefined) {
    if (prefix === 'required')
      return fail('must be a CIDR with a prefix length, such as 10.1.0.0/16');
    return { ok: true, value: fromGroups(parsed.groups, parsed.bits) as Cidr };
  }
  if (!/^(0|[1-9]\d{0,2})$/.test(bitsText) || Number(bitsText) > parsed.bits)
    return fail(`the prefix length must be a whole number from 0 to ${parsed.bits}`);
  const bits = Number(bitsText);
  const masked = parsed.groups.map((g, i) => {
    const keep = Math.min(16, Math.max(0, bits - i * 16));
    return keep === 0 ? 0 : g & ((0xffff << (16 - keep)) & 0xffff);
  });
  const network = `${fromGroups(masked, parsed.bits)}/${bits}`;
  if (masked.some((g, i) => g !== parsed.groups[i]))
    return fail(`host bits are set; the network is ${network}`);
  return { ok: true, value: network as Cidr };
}

/** Booleans for schema refinements and listings. */
export const isCidr = (text: string): boolean => parseCidr(text).ok;
export const isIPv4 = (text: string): boolean => parseIPv4(text) !== undefined;
export const isV6 = (value: IpAddress | Cidr): boolean => value.includes(':');

/** For values the program itself states (data defaults, tests): parse or throw. */
export function mustIp(text: string): IpAddress {
  const ip = parseIp(text);
  if (!ip.ok) throw new Error(`${text}: ${ip.error}`);
  return ip.value;
}
export function mustCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr.ok) throw new Error(`${text}: ${cidr.error}`);
  return cidr.value;
}

/**
 * The same grammar as parseIp, as one POSIX extended regular expression, for scripts that check
 * their own arguments (the probe's `--control-plane` and `--worker`). A test holds the two equal.
 */
export function ipRegex(): string {
  const h = '[0-9A-Fa-f]{1,4}';
  const octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
  const v4 = `${octet}\\.${octet}\\.${octet}\\.${octet}`;
  const groups = (n: number) => (n === 0 ? '' : `${h}(:${h}){${n - 1}}`);
  const upTo = (k: number) => (k <= 0 ? '' : `(${h}(:${h}){0,${k - 1}})?`);
  const alternatives = [`(${h}:){7}${h}`, `(${h}:){6}${v4}`];
  for (let n = 0; n <= 7; n++) alternatives.push(`${groups(n)}::${upTo(7 - n)}`);
  for (let n = 0; n <= 5; n++) alternatives.push(`${groups(n)}::(${h}:){0,${5 - n}}${v4}`);
  return `^(${v4}|${alternatives.join('|')})$`;
}
