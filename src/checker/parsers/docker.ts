/** `docker ps` PORTS columns and Compose files (short and long `ports:` syntax, `network_mode: host`). */
import type { ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, lines, listenFlags, pushPorts } from './common.ts';
import type { YamlNode } from '../yaml.ts';
import { get, items, lineOf, scalar } from '../yaml.ts';

const MAPPING =
  /(?<!\d)(?:((?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-fA-F:.]*\]|::|\*)?:)?(\d+(?:-\d+)?)->(\d+(?:-\d+)?)\/(tcp|udp|sctp)/g;

export function parseDockerPs(text: string): ParseResult {
  const result = emptyResult('docker-ps');
  eachLine(text, (line, n, t) => {
    if (/^CONTAINER\s+ID\b/.test(t)) return;
    const mappings = [...line.matchAll(MAPPING)];
    // `CONTAINER ID  IMAGE  ...`: the image names the likely owner of a published port.
    const image = /^[0-9a-f]{6,}\s+(\S+)/.exec(t)?.[1];
    for (const m of mappings) {
      if (m[4] === 'sctp') {
        result.ignored.push({ line: n, text: line, reason: `${m[0]}: SCTP is not checked` });
        continue;
      }
      pushPorts(
        result,
        { line: n, kind: 'listen', address: m[1] ?? '0.0.0.0', ...(image ? { image } : {}) },
        m[2]!,
        [m[4] as Transport],
        'docker',
        line,
      );
    }
    const exposed =
      line.replace(MAPPING, '').match(/(?<![\d.:>-])\d+(?:-\d+)?\/(?:tcp|udp)\b/g) ?? [];
    for (const e of exposed) {
      const [spec, proto] = e.split('/');
      pushPorts(
        result,
        {
          line: n,
          kind: 'no-host-bind',
          note: 'exposed by the container but not published on the host',
        },
        spec!,
        [proto as Transport],
        'docker',
        line,
      );
    }
    if (!mappings.length && !exposed.length && /^[0-9a-f]{6,}\s/.test(t)) {
      result.ignored.push({ line: n, text: line, reason: 'container publishes no ports' });
    } else if (!mappings.length && !exposed.length) {
      result.unrecognized.push({ line: n, text: line, reason: 'not a docker ps line' });
    }
  });
  return result;
}

/** One `ports:` item of a Compose service, short or long syntax. */
function composePort(
  result: ParseResult,
  node: YamlNode,
  hostNetwork: boolean,
  text: string[],
  image: string | undefined,
): void {
  const n = lineOf(node);
  const owner = image ? { image } : {};
  const line = text[n - 1] ?? '';
  const value = scalar(node);
  if (value !== undefined) {
    // [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], HOST_IP may be [ipv6].
    const m =
      /^(?:(\[[^\]]*\]|[^:[\]]*):)??(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/i.exec(
        String(value).trim(),
      );
    if (!m) {
      result.unrecognized.push({
        line: n,
        text: line,
        reason: `cannot read the port mapping "${String(value)}"`,
      });
      return;
    }
    const [, hostIp, published, target, proto] = m;
    const protocols = proto ? [proto.toLowerCase() as Transport] : undefined;
    if (hostNetwork) {
      pushPorts(
        result,
        {
          line: n,
          kind: 'listen',
          note: 'network_mode: host, so the container port is the host port',
          ...owner,
        },
        target!,
        protocols,
        'plain',
        line,
      );
    } else if (published) {
      pushPorts(
        result,
        { line: n, kind: 'listen', ...(hostIp ? { address: hostIp } : {}), ...owner },
        published,
        protocols,
        'plain',
        line,
      );
    } else {
      pushPorts(
        result,
        { line: n, kind: 'no-host-bind', note: 'no host port given: Docker picks a random one' },
        target!,
        protocols,
        'plain',
        line,
      );
    }
    return;
  }
  const target = scalar(get(node, 'target'));
  const published = scalar(get(node, 'published'));
  const hostIp = scalar(get(node, 'host_ip'));
  const protocol = scalar(get(node, 'protocol'));
  const protocols = protocol ? [String(protocol).toLowerCase() as Transport] : undefined;
  if (target === undefined) {
    result.unrecognized.push({ line: n, text: line, reason: 'long-syntax port without target' });
    return;
  }
  const spec = hostNetwork
    ? String(target)
    : published !== undefined
      ? String(published)
      : undefined;
  if (spec === undefined) {
    pushPorts(
      result,
      { line: n, kind: 'no-host-bind', note: 'no published port: Docker picks a random one' },
      String(target),
      protocols,
      'plain',
      line,
    );
    return;
  }
  pushPorts(
    result,
    { line: n, kind: 'listen', ...(hostIp ? { address: String(hostIp) } : {}), ...owner },
    spec,
    protocols,
    'plain',
    line,
  );
}

/** Ports that a host-network container's command line says it listens on (`--web.listen-address=:9100`). */
function commandPorts(result: ParseResult, service: YamlNode, text: string[]): number {
  let count = 0;
  for (const key of ['command', 'entrypoint']) {
    const node = get(service, key);
    const parts = node ? (scalar(node) !== undefined ? [node] : items(node)) : [];
    for (const part of parts) {
      const value = String(scalar(part) ?? '');
      for (const { flag, address, port } of listenFlags(value, false)) {
        const n = lineOf(part);
        pushPorts(
          result,
          {
            line: n,
            kind: 'listen',
            note: `from the ${key} flag ${flag}`,
            ...(address !== undefined ? { address } : {}),
          },
          port,
          undefined,
          'plain',
          text[n - 1] ?? '',
        );
        count++;
      }
    }
  }
  return count;
}

export function parseCompose(docs: YamlNode[], text: string): ParseResult {
  const result = emptyResult('compose');
  const source = lines(text);
  for (const doc of docs) {
    const services = get(doc, 'services');
    for (const [name, service] of services
      ? ((services as { items?: { key: YamlNode; value: YamlNode }[] }).items?.map(
          (p) => [String(scalar(p.key)), p.value] as const,
        ) ?? [])
      : []) {
      const mode = String(scalar(get(service, 'network_mode')) ?? '');
      const hostNetwork = mode === 'host';
      const ports = items(get(service, 'ports'));
      const image = scalar(get(service, 'image'));
      for (const p of ports)
        composePort(
          result,
          p,
          hostNetwork,
          source,
          image === undefined ? undefined : String(image),
        );
      if (hostNetwork) {
        for (const p of items(get(service, 'expose'))) {
          const n = lineOf(p);
          pushPorts(
            result,
            {
              line: n,
              kind: 'listen',
              note: 'network_mode: host, so exposed ports are host ports',
            },
            String(scalar(p)).replace(/\/.*/, ''),
            /\/udp$/i.test(String(scalar(p))) ? ['udp'] : undefined,
            'plain',
            source[n - 1] ?? '',
          );
        }
        const found = commandPorts(result, service, source);
        if (!ports.length && !found) {
          const n = lineOf(get(service, 'network_mode') ?? service);
          result.notes.push(
            `Line ${n}: service "${name}" uses network_mode: host, so it binds whatever its program listens on, and this file does not list it. Check that program's default port.`,
          );
        }
      }
    }
  }
  return result;
}
