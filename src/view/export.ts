/**
 * Machine-readable exports. The shape is versioned by EXPORT_SCHEMA_VERSION: fields may be
 * added within a version, never removed or renamed.
 */
import { isNetwork, type EndpointView, type Model } from '../domain/model.ts';
import type { PreflightCheck } from '../domain/schema.ts';
import { plainText } from '../domain/inline.ts';

export const EXPORT_SCHEMA_VERSION = 1;

function endpointRecord(model: Model, e: EndpointView) {
  const network = isNetwork(e) ? e : undefined;
  return {
    id: e.anchor,
    service: e.service,
    serviceName: e.serviceName,
    processNames: model.service(e.service).processNames,
    port: network?.port ?? null,
    /** The last port of a range, or null. Added in data 2026.11.2. */
    endPort: network?.endPort ?? null,
    socket: e.protocol === 'unix' ? e.socket : null,
    protocol: e.protocol,
    bind: network?.bind ?? null,
    /** Every interface it binds (etcd's client port binds two). Added in data 2026.11.2. */
    binds: network?.binds ?? [],
    /** Binds that differ under some options (the DISA STIG profile). Added in data 2026.11.2. */
    overrides: network?.overrides ?? [],
    /** `one-node`: one replica on a node the scheduler picks. Added in data 2026.11.2. */
    placement: network?.placement ?? 'every-node',
    roles: e.roles,
    releases: model.releasesOf(e),
    condition: e.condition ?? null,
    option: network?.option ?? null,
    preflight: !!network?.checks.length,
    /** The keys of k8sd's pre-flight checks that test this port. Added in data 2026.11.2. */
    preflightChecks: network?.checks ?? [],
    kernelOwned: network?.kernelOwned ?? false,
    reachableFrom: e.reachableFrom,
    purpose: e.purpose,
    description: e.description,
    security: e.security,
    ifBlocked: e.ifBlocked,
    discrepancy: e.discrepancy ?? null,
    sources: e.sources.map((s) => model.source(s).url),
  };
}

function header(model: Model) {
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    dataVersion: model.ref.meta.dataVersion,
    upstreamRead: model.ref.meta.upstreamRead,
  };
}

export function endpointsExport(model: Model) {
  return {
    ...header(model),
    releases: model.releases.map((r) => r.id),
    latest: model.latest.id,
    endpoints: model.endpoints.map((e) => ({
      ...endpointRecord(model, e),
      availability: Object.fromEntries(
        model.releases.map((r) => [r.id, model.availability(e, r.id)]),
      ),
    })),
  };
}

export function releaseExport(model: Model, releaseId: string) {
  const release = model.release(releaseId);
  return {
    ...header(model),
    release,
    endpoints: model
      .documentedIn(releaseId)
      .map(({ endpoint, availability }) => ({ ...endpointRecord(model, endpoint), availability })),
    /** k8sd's pre-flight checks on this release. Added in data 2026.11.2. */
    preflight: model.checksIn(releaseId).map((c) => checkRecord(model, c)),
  };
}

function checkRecord(model: Model, c: PreflightCheck) {
  return {
    key: c.key,
    port: c.port,
    option: c.option ?? null,
    roles: c.roles,
    releases: model.releasesOf(c),
    condition: c.condition ?? null,
    message: `port ${c.port} (needed by: ${c.key}) is already in use`,
    note: c.note ?? null,
  };
}

/** k8sd's pre-flight port check, every key on every release (/api/v1/preflight.json). */
export function preflightExport(model: Model) {
  return { ...header(model), checks: model.checks.map((c) => checkRecord(model, c)) };
}

export const CSV_COLUMNS = [
  'id',
  'port',
  'socket',
  'protocol',
  'bind',
  'roles',
  'service',
  'process_names',
  'releases',
  'condition',
  'option',
  'preflight',
  'reachable_from',
  'description',
  'security',
  'end_port',
  'preflight_checks',
] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function endpointsCsv(model: Model): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of model.endpoints) {
    const r = endpointRecord(model, e);
    const cond = r.condition
      ? Object.entries(r.condition)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(';')
      : '';
    const row = [
      r.id,
      r.port === null ? '' : String(r.port),
      r.socket ?? '',
      r.protocol,
      r.bind ?? '',
      r.roles.join(';'),
      r.service,
      r.processNames.join(';'),
      r.releases.join(';'),
      cond,
      r.option ? `${r.option.type}:${r.option.name}` : '',
      String(r.preflight),
      r.reachableFrom,
      plainText(r.description),
      plainText(r.security),
      r.endPort === null ? '' : String(r.endPort),
      r.preflightChecks.join(';'),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
