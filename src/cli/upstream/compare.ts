/**
 * Holds the data to upstream's files, release by release. Every difference must be declared
 * in the data as a deviation (document, releases, port and protocol or check key, field) with
 * its reason; an undeclared difference, or a declared one that no longer occurs, is a problem.
 * Prose is out of reach: this compares ports, protocols, binds, roles and the pre-flight map.
 */
import type { Model } from '../../domain/model.ts';
import { isNetwork } from '../../domain/model.ts';
import type { Deviation } from '../../domain/schema.ts';
import type { CheckSources, UpstreamCheck, UpstreamRow, UpstreamUfwRule } from './parse.ts';
import {
  parseChecks,
  parseCidrDefaults,
  parseClashMessage,
  parsePortsTable,
  parseUfwHowto,
} from './parse.ts';

/** What one release's upstream files say, as read from disk (undefined where there is no such file). */
export interface UpstreamRelease {
  release: string;
  ports?: string;
  ufw?: string;
  checks?: CheckSources;
}

export interface Difference {
  document: Deviation['document'];
  release: string;
  /** `2379/tcp`, or a check key. */
  what: string;
  port: number;
  protocol: 'tcp' | 'udp';
  key?: string;
  field: Deviation['field'];
  upstream: string;
  ours: string;
}

const setText = (xs: readonly string[]) => [...new Set(xs)].sort().join(', ') || 'none';
const rolesText = (roles: readonly string[]) => setText(roles);

function comparePorts(model: Model, release: string, rows: UpstreamRow[]): Difference[] {
  const out: Difference[] = [];
  const ours = model
    .documentedIn(release)
    .map((x) => x.endpoint)
    .filter(isNetwork);
  const keys = new Set([
    ...rows.map((r) => `${r.port}/${r.protocol}`),
    ...ours.map((e) => `${e.port}/${e.protocol}`),
  ]);
  for (const key of keys) {
    const [port, protocol] = [Number(key.split('/')[0]), key.split('/')[1] as 'tcp' | 'udp'];
    const up = rows.filter((r) => r.port === port && r.protocol === protocol);
    const mine = ours.filter((e) => e.port === port && e.protocol === protocol);
    const base = { document: 'ports-reference' as const, release, what: key, port, protocol };
    if (!up.length || !mine.length) {
      out.push({
        ...base,
        field: 'present',
        upstream: up.length ? 'listed' : 'not listed',
        ours: mine.length ? 'listed' : 'not listed',
      });
      continue;
    }
    const [upRoles, myRoles] = [rolesText(up.flatMap((r) => r.roles)), rolesText(mine.flatMap((e) => e.roles))];
    if (upRoles !== myRoles) out.push({ ...base, field: 'roles', upstream: upRoles, ours: myRoles });
    const [upBinds, myBinds] = [setText(up.map((r) => r.bind)), setText(mine.flatMap((e) => e.binds))];
    if (upBinds !== myBinds) out.push({ ...base, field: 'binds', upstream: upBinds, ours: myBinds });
  }
  return out;
}

function compareUfw(model: Model, release: string, rules: UpstreamUfwRule[]): Difference[] {
  const text = (r: { port: number; protocol: string; roles: readonly string[]; datastore?: string }) =>
    `${r.port}/${r.protocol} on ${rolesText(r.roles)}${r.datastore ? ` (${r.datastore} tab)` : ''}`;
  const up = rules.map(text);
  const mine = model
    .howtoIn(release)
    .map((u) => text({ ...u, ...(u.condition?.datastore ? { datastore: u.condition.datastore } : {}) }));
  return [...new Set([...up, ...mine])]
    .filter((rule) => up.includes(rule) !== mine.includes(rule))
    .map((rule) => {
      const [port, protocol] = rule.split(' ')[0]!.split('/');
      return {
        document: 'ufw-howto',
        release,
        what: rule,
        port: Number(port),
        protocol: protocol as 'tcp' | 'udp',
        field: 'present',
        upstream: up.includes(rule) ? 'opened' : 'not opened',
        ours: mine.includes(rule) ? 'recorded' : 'not recorded',
      };
    });
}

function compareChecks(model: Model, release: string, checks: UpstreamCheck[]): Difference[] {
  const out: Difference[] = [];
  const ours = model.checksIn(release);
  for (const key of new Set([...checks.map((c) => c.key), ...ours.map((c) => c.key)])) {
    const up = checks.filter((c) => c.key === key);
    const mine = ours.filter((c) => c.key === key);
    const port = mine[0]?.port || up[0]?.port || 0;
    const base = { document: 'preflight-checks' as const, release, what: key, port, protocol: 'tcp' as const, key };
    const say = (cs: { port: number }[]) => setText(cs.map((c) => String(c.port)));
    if (!up.length || !mine.length) {
      out.push({ ...base, field: 'present', upstream: up.length ? 'tested' : 'not tested', ours: mine.length ? 'tested' : 'not tested' });
      continue;
    }
    if (say(up) !== say(mine)) out.push({ ...base, field: 'port', upstream: say(up), ours: say(mine) });
    const [upRoles, myRoles] = [rolesText(up.flatMap((c) => c.roles)), rolesText(mine.flatMap((c) => c.roles))];
    if (upRoles !== myRoles) out.push({ ...base, field: 'roles', upstream: upRoles, ours: myRoles });
    const [upStore, myStore] = [
      setText(up.flatMap((c) => (c.datastore ? [c.datastore] : []))),
      setText(mine.flatMap((c) => (c.condition?.datastore ? [c.condition.datastore] : []))),
    ];
    if (upStore !== myStore)
      out.push({ ...base, field: 'preflight', upstream: `datastore ${upStore}`, ours: `datastore ${myStore}` });
  }
  return out;
}

const declares = (model: Model, d: Deviation, diff: Difference) =>
  d.document === diff.document &&
  d.field === diff.field &&
  model.covers(d.releases, diff.release) &&
  (diff.key !== undefined ? d.key === diff.key : d.port === diff.port && d.protocol === diff.protocol);

export interface CheckResult {
  compared: { release: string; rows: number; rules: number; checks: number }[];
  undeclared: Difference[];
  declared: Difference[];
  /** Deviations that no upstream file contradicts any more. */
  stale: Deviation[];
  /** Other disagreements, such as the clash message's wording. */
  problems: string[];
}

export function compareWithUpstream(model: Model, upstream: UpstreamRelease[]): CheckResult {
  const all: Difference[] = [];
  const compared: CheckResult['compared'] = [];
  const problems: string[] = [];
  for (const u of upstream) {
    const rows = u.ports ? parsePortsTable(u.ports) : [];
    const rules = u.ufw ? parseUfwHowto(u.ufw) : [];
    const checks = u.checks ? parseChecks(u.checks) : [];
    if (u.ports) all.push(...comparePorts(model, u.release, rows));
    if (u.ufw || model.howtoIn(u.release).length) all.push(...compareUfw(model, u.release, rules));
    if (u.checks) {
      all.push(...compareChecks(model, u.release, checks));
      const cidrs = parseCidrDefaults(u.checks.clusterDefaults);
      const release = model.release(u.release);
      for (const [what, up, ours] of [
        ['pod CIDR', cidrs.pod, release.defaultPodCidr],
        ['service CIDR', cidrs.service, release.defaultServiceCidr],
      ] as const)
        if (up !== ours)
          problems.push(
            `release ${u.release}, default ${what}: upstream ${up ?? 'not found'}, ours ${ours}`,
          );
      const clash = parseClashMessage(u.checks.checks);
      if (clash !== model.ref.preflightMessages.clash)
        problems.push(
          `release ${u.release}, pre-flight message: upstream "${clash ?? 'not found'}", ours "${model.ref.preflightMessages.clash}"`,
        );
    }
    compared.push({ release: u.release, rows: rows.length, rules: rules.length, checks: checks.length });
  }
  const undeclared = all.filter((diff) => !model.ref.deviations.some((d) => declares(model, d, diff)));
  const declared = all.filter((diff) => !undeclared.includes(diff));
  const read = new Set(upstream.map((u) => u.release));
  // Each release a deviation claims, and that was read, must still show the difference.
  const stale = model.ref.deviations.filter((d) =>
    model
      .releasesOf(d)
      .filter((r) => read.has(r))
      .some((r) => !all.some((diff) => diff.release === r && declares(model, d, diff))),
  );
  return { compared, undeclared, declared, stale, problems };
}

export function describeDifference(d: Difference): string {
  return `release ${d.release}, ${d.what}, field ${d.field}: upstream ${d.upstream}; ours ${d.ours} (${d.document})`;
}
