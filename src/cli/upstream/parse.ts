/**
 * Readers for upstream's own files: the ports-and-services tables, the UFW how-to's `ufw allow`
 * lines, and the pre-flight port map in k8sd's checks.go with the defaults it reads. Each
 * returns what the file states, in the data's terms, so compare.ts can hold the data to it.
 */
import type { Bind, Datastore, Role, Transport } from '../../domain/enums.ts';
import { DATASTORES, ROLES } from '../../domain/enums.ts';

export interface UpstreamRow {
  port: number;
  protocol: Transport;
  bind: Bind;
  roles: Role[];
  service: string;
}

/** The section a table or rule sits in: "... all nodes" or "... control plane nodes only". */
function rolesOfHeading(heading: string): Role[] | undefined {
  if (/all nodes/i.test(heading)) return [...ROLES];
  if (/control plane/i.test(heading)) return ['control-plane'];
  if (/worker/i.test(heading)) return ['worker'];
  return undefined;
}

/** `| localhost:9879 | TCP | cilium-agent | ... |` rows under their section headings. */
export function parsePortsTable(markdown: string): UpstreamRow[] {
  const rows: UpstreamRow[] = [];
  let roles: Role[] | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s+(.*)$/.exec(line);
    if (heading) {
      roles = rolesOfHeading(heading[1]!);
      continue;
    }
    const cells = line.split('|').map((c) => c.trim());
    const where = /^(localhost|default|\*):(\d+)$/.exec(cells[1] ?? '');
    const protocol = (cells[2] ?? '').toLowerCase();
    if (!where || !roles || (protocol !== 'tcp' && protocol !== 'udp')) continue;
    rows.push({
      bind: where[1] as Bind,
      port: Number(where[2]),
      protocol,
      roles,
      service: cells[3] ?? '',
    });
  }
  return rows;
}

export interface UpstreamUfwRule {
  port: number;
  protocol: Transport;
  roles: Role[];
  datastore?: Datastore;
}

/** `sudo ufw allow 6443/tcp` under "Firewall rules for ..." headings, in datastore tabs. */
export function parseUfwHowto(markdown: string): UpstreamUfwRule[] {
  const rules: UpstreamUfwRule[] = [];
  let roles: Role[] | undefined;
  let datastore: Datastore | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      roles = rolesOfHeading(heading[1]!) ?? roles;
      if (!/^##\s+Firewall rules/i.test(line)) roles = undefined;
      datastore = undefined;
      continue;
    }
    const tab = /\{tab-item\}\s*(\S+)/.exec(line);
    if (tab) datastore = DATASTORES.find((d) => d === tab[1]);
    if (/^`{4,5}\s*$/.test(line.trim())) datastore = undefined;
    const allow = /^\s*(?:sudo\s+)?ufw\s+allow\s+(\d+)\/(tcp|udp)\s*$/.exec(line);
    if (!allow || !roles) continue;
    rules.push({
      port: Number(allow[1]),
      protocol: allow[2] as Transport,
      roles,
      ...(datastore ? { datastore } : {}),
    });
  }
  return rules;
}

export interface UpstreamCheck {
  key: string;
  port: number;
  roles: Role[];
  datastore?: Datastore;
}

/** The files one release's pre-flight check is read from. */
export interface CheckSources {
  checks: string;
  servicePorts: string;
  clusterDefaults: string;
}

/** The pod and service ranges SetDefaults() gives a cluster bootstrapped without them. */
export function parseCidrDefaults(clusterDefaults: string): { pod?: string; service?: string } {
  const value = (field: string) =>
    new RegExp(`\\.${field}\\s*=\\s*utils\\.Pointer\\("([^"]+)"\\)`).exec(clusterDefaults)?.[1];
  const pod = value('PodCIDR');
  const service = value('ServiceCIDR');
  return { ...(pod ? { pod } : {}), ...(service ? { service } : {}) };
}

/** The default a getter returns: a string constant, or a field set by SetDefaults(). */
function resolvePort(expr: string, files: CheckSources): number | undefined {
  const getter = /\.(Get\w+)\(\)/.exec(expr)?.[1];
  if (!getter) return undefined;
  const body = new RegExp(`func \\([^)]*\\) ${getter}\\(\\)[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(
    files.servicePorts,
  )?.[1];
  const constant = body && /\b([A-Z]\w*Port)\b/.exec(body)?.[1];
  if (constant) {
    const value = new RegExp(`\\b${constant}\\s*=\\s*"(\\d+)"`).exec(files.servicePorts)?.[1];
    return value === undefined ? undefined : Number(value);
  }
  const field = getter.slice(3);
  const set = new RegExp(`\\.${field}\\s*=\\s*utils\\.Pointer\\((\\d+)\\)`).exec(
    files.clusterDefaults,
  )?.[1];
  return set === undefined ? undefined : Number(set);
}

/** One open block of Go code, and what it says about the keys set inside it. */
interface Frame {
  roles?: Role[];
  datastore?: Datastore;
  map?: boolean;
}

/**
 * The keys of CheckK8sServicePorts with the roles and datastore under which each is set.
 * Reads the map literal and the `ports["key"] = ...` assignments, tracking the
 * `if isControlPlane { } else { }` and datastore `if`/`switch` blocks they sit in. The file
 * is gofmt'ed: a block opens at the end of a line and closes at the start of one.
 */
export function parseChecks(files: CheckSources): UpstreamCheck[] {
  const found: UpstreamCheck[] = [];
  const stack: Frame[] = [];
  let lastGetter = '';
  const inner = <K extends keyof Frame>(key: K) => [...stack].reverse().find((f) => f[key])?.[key];
  const add = (key: string, expr: string) => {
    const port = resolvePort(expr === 'port' ? lastGetter : expr, files);
    if (port === undefined) return;
    const datastore = inner('datastore');
    found.push({ key, port, roles: inner('roles') ?? [...ROLES], ...(datastore ? { datastore } : {}) });
  };
  const datastoreIn = (text: string) => DATASTORES.find((d) => d === text);
  for (const raw of files.checks.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('}')) {
      const closed = stack.pop();
      if (/^\}\s*else\s*\{$/.test(line)) {
        const flipped = closed?.roles?.includes('control-plane') ? { roles: ['worker' as Role] } : {};
        stack.push(flipped);
        continue;
      }
    }
    const entry = stack.at(-1)?.map ? /^"([\w-]+)":\s*(.+?),?$/.exec(line) : null;
    if (entry) add(entry[1]!, entry[2]!);
    const getter = /:=\s*(\w+\.Get\w+\(\))/.exec(line);
    if (getter) lastGetter = getter[1]!;
    const assign = /^ports\["([\w-]+)"\]\s*=\s*(.+)$/.exec(line);
    if (assign) add(assign[1]!, assign[2]!);
    const caseLine = /^(?:case\s+"([\w-]+)"|default):/.exec(line);
    const top = stack.at(-1);
    if (caseLine && top) {
      const datastore = caseLine[1] === undefined ? undefined : datastoreIn(caseLine[1]);
      if (datastore) top.datastore = datastore;
      else delete top.datastore;
    }
    if (!line.endsWith('{')) continue;
    const equalsDatastore = /Datastore\.GetType\(\)\s*==\s*"([\w-]+)"/.exec(line);
    if (/^ports\s*:=\s*map\[string\]string\{$/.test(line)) stack.push({ map: true });
    else if (/^if\s+isControlPlane\s*\{$/.test(line)) stack.push({ roles: ['control-plane'] });
    else if (equalsDatastore) {
      const datastore = datastoreIn(equalsDatastore[1]!);
      stack.push(datastore ? { datastore } : {});
    } else stack.push({});
  }
  return found;
}

/** The message format of one clash, `port %s (needed by: %s) is already in use`, as the data writes it. */
export function parseClashMessage(checksGo: string): string | undefined {
  const format = /"(port %s \(needed by: %s\)[^"]*)"/.exec(checksGo)?.[1];
  return format?.replace('%s', '{port}').replace('%s', '{key}');
}

