/** Shared shapes of the conflict checker. */
import type { Bind, Role, Transport } from '../domain/enums.ts';
import type { reportOptions, RoleChoice } from '../domain/node.ts';

export type { Transport };

/** How an address overlaps others on Linux (see the checker page for the rules). */
export type AddressKind =
  | 'v4-any' // 0.0.0.0
  | 'dual-any' // * in ss, ::: in netstat, plain ::
  | 'v6only-any' // [::] in ss
  | 'loopback' // 127.0.0.1
  | 'other-loopback' // 127.0.0.53, ::1
  | 'specific'
  | 'none'; // no address given

/** `ephemeral`: a port the kernel may give an outgoing connection (sysctl input). */
export type EntryKind = 'listen' | 'firewall-allow' | 'no-host-bind' | 'ephemeral';

/** Where a line of the paste points: its port (or range), protocol and address. */
interface Located {
  /** 1-based line in the pasted text. */
  line: number;
  kind: EntryKind;
  port: number;
  /** Last port of a range, inclusive. */
  endPort?: number;
  protocol: Transport;
  /** No protocol was given, so TCP was assumed. */
  protocolAssumed?: boolean;
  /** The address as printed. */
  address?: string;
}

/** One thing the pasted text says binds (or allows) a port. */
export interface Entry extends Located {
  addressKind: AddressKind;
  /** The IP for `specific` addresses (IPv4-mapped IPv6 reduced to IPv4). */
  ip?: string;
  /** Process names shown on the line. */
  processes?: string[];
  /** The width this tool truncates process names to, when it is not ss's or lsof's. */
  processWidth?: number;
  /** Why this entry was read the way it was (assumptions, context). */
  note?: string;
  /** A NodePort or LoadBalancer Service's node port: taken from the node port range by design. */
  servicePort?: boolean;
  /** The network device that holds the socket (`ip -d link`): a VXLAN device's name. */
  device?: string;
  /** The container image behind a published port (docker ps, Compose). */
  image?: string;
  /** The format of the block the entry was read from. */
  format?: Format;
  /** The line says the port could not be tested, not that it is taken: a possible conflict at most. */
  uncertain?: boolean;
}

export interface Unrecognized {
  line: number;
  text: string;
  reason?: string;
}

export interface Ignored {
  line: number;
  text: string;
  reason: string;
}

export const FORMATS = [
  { id: 'plain', label: 'Plain list of ports' },
  { id: 'ss', label: 'ss -tulpn' },
  { id: 'netstat', label: 'netstat -tulpn / -an' },
  { id: 'lsof', label: 'lsof -i -P -n' },
  { id: 'docker-ps', label: 'docker ps' },
  { id: 'compose', label: 'Compose file (YAML)' },
  { id: 'kubernetes', label: 'Kubernetes manifests (YAML/JSON)' },
  { id: 'kubectl-svc', label: 'kubectl get svc' },
  { id: 'ufw', label: 'ufw status' },
  { id: 'firewalld', label: 'firewall-cmd --list-all' },
  { id: 'iptables', label: 'iptables -S / -L -n' },
  { id: 'nft', label: 'nft list ruleset' },
  { id: 'log', label: 'Log lines and bind errors' },
  { id: 'script', label: 'Firewall commands (iptables, firewall-cmd, ufw, nft)' },
  { id: 'ip-link', label: 'ip -d link show (VXLAN devices)' },
  { id: 'sysctl', label: 'sysctl ip_local_port_range (ephemeral ports)' },
  { id: 'reach', label: 'ck8s-reach probe output (reachability)' },
  { id: 'prose', label: 'Prose (sentences: read for nothing, numbers in them are not ports)' },
] as const;

export type Format = (typeof FORMATS)[number]['id'];

/** The format a person chose, or `auto` to detect it. */
export type FormatChoice = Format | 'auto';

/** Socket listings: the formats that show processes, and the ones a node audit reads. */
export const LISTING_FORMATS: readonly Format[] = ['ss', 'netstat', 'lsof'];

export const FIREWALL_FORMATS: readonly Format[] = [
  'ufw',
  'firewalld',
  'iptables',
  'nft',
  'script',
];

/** Where a block of the paste lies, its format, and what its lines gave (counts of the lists). */
export interface BlockSummary {
  /** 1-based lines, inclusive. */
  from: number;
  to: number;
  format: Format;
  /** Set when the block comes from a file inside an archive. */
  file?: string;
  /** Lines that yielded an entry. */
  read: number;
  ignored: number;
  unrecognized: number;
}

export interface ParseResult {
  /** The only block's format, or `mixed`. */
  format: Format | 'mixed';
  /** Every non-blank line lies in exactly one block. */
  blocks?: BlockSummary[];
  entries: Entry[];
  unrecognized: Unrecognized[];
  ignored: Ignored[];
  /** Whether any line showed a process name (so the listing was taken with enough privilege). */
  showsProcesses: boolean;
  notes: string[];
  /** The ephemeral port range and reserved ports, from sysctl output. */
  ephemeral?: {
    line: number;
    /** The ip_local_reserved_ports line, when there is one. */
    reservedLine?: number;
    from: number;
    to: number;
    reserved: { from: number; to: number }[];
  };
}

export type Verdict = 'conflict' | 'possible-conflict' | 'expected' | 'ok' | 'covers';

export interface EndpointRef {
  service: string;
  port: number;
  /** The last port of a range (the node port range). */
  endPort?: number;
  protocol: Transport;
  bind: Bind;
  roles: Role[];
  anchor: string;
  url: string;
}

/** The verdict on one entry, as reports and the CLI's JSON carry it. */
export interface Finding extends Located {
  text: string;
  process?: string;
  verdict: Verdict;
  reason: string;
  endpoints: EndpointRef[];
  /** The keys of k8sd's pre-flight checks that this listener would fail, as its messages name them. */
  preflight?: string[];
  /** The likely holder of a clashing port, from its process, image or device, and what to do. */
  owner?: { name: string; remedy: string; url: string };
}

export interface Report {
  release: string;
  role: RoleChoice;
  options: ReturnType<typeof reportOptions>;
  /** The only block's format, or `mixed` when the paste holds blocks of several. */
  format: Format | 'mixed';
  blocks: BlockSummary[];
  findings: Finding[];
  unrecognized: Unrecognized[];
  ignored: Ignored[];
  notes: string[];
  summary: Record<Verdict, number> & { unrecognized: number; lines: number };
  firewall?: { covered: EndpointRef[]; uncovered: EndpointRef[]; unneeded: EndpointRef[] };
}
