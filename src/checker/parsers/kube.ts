/** Kubernetes manifests (hostPort, hostNetwork, Service nodePort) and `kubectl get svc` output. */
import type { ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, lines, listenFlags, bindAddress, pushPorts } from './common.ts';
import { get, items, lineOf, scalar, type YamlNode } from '../yaml.ts';

const protocolOf = (node: YamlNode): Transport[] | undefined => {
  const p = scalar(get(node, 'protocol'));
  return p === undefined ? undefined : [String(p).toLowerCase() as Transport];
};

/** The pod spec inside any workload kind. */
function podSpecs(doc: YamlNode): YamlNode[] {
  const kind = String(scalar(get(doc, 'kind')) ?? '');
  if (kind === 'List') return items(get(doc, 'items')).flatMap(podSpecs);
  if (kind === 'Pod') return [get(doc, 'spec')];
  if (kind === 'CronJob')
    return [get(get(get(get(get(doc, 'spec'), 'jobTemplate'), 'spec'), 'template'), 'spec')];
  const template = get(get(doc, 'spec'), 'template');
  return template ? [get(template, 'spec')] : [];
}

function services(doc: YamlNode): YamlNode[] {
  const kind = String(scalar(get(doc, 'kind')) ?? '');
  if (kind === 'List') return items(get(doc, 'items')).flatMap(services);
  return kind === 'Service' ? [doc] : [];
}

export function parseKubernetes(docs: YamlNode[], text: string): ParseResult {
  const result = emptyResult('kubernetes');
  const source = lines(text);
  const at = (node: YamlNode) => {
    const n = lineOf(node);
    return { n, line: source[n - 1] ?? '' };
  };
  for (const doc of docs) {
    for (const spec of podSpecs(doc)) {
      if (!spec) continue;
      const hostNetwork = scalar(get(spec, 'hostNetwork')) === true;
      for (const container of [
        ...items(get(spec, 'containers')),
        ...items(get(spec, 'initContainers')),
      ]) {
        for (const port of items(get(container, 'ports'))) {
          const hostPort = get(port, 'hostPort');
          const containerPort = get(port, 'containerPort');
          const hostIp = scalar(get(port, 'hostIP'));
          if (hostPort && scalar(hostPort) !== undefined) {
            const { n, line } = at(hostPort);
            pushPorts(
              result,
              { line: n, kind: 'listen', ...(hostIp ? { address: String(hostIp) } : {}) },
              String(scalar(hostPort)),
              protocolOf(port),
              'plain',
              line,
            );
          } else if (containerPort && scalar(containerPort) !== undefined) {
            const { n, line } = at(containerPort);
            if (hostNetwork)
              pushPorts(
                result,
                {
                  line: n,
                  kind: 'listen',
                  note: 'hostNetwork: true, so the container port is the host port',
                },
                String(scalar(containerPort)),
                protocolOf(port),
                'plain',
                line,
              );
            else
              pushPorts(
                result,
                {
                  line: n,
                  kind: 'no-host-bind',
                  note: 'a containerPort without hostNetwork or hostPort stays inside the pod network',
                },
                String(scalar(containerPort)),
                protocolOf(port),
                'plain',
                line,
              );
          }
        }
        if (hostNetwork) {
          const args = [...items(get(container, 'args')), ...items(get(container, 'command'))];
          const bound = bindAddress(args.map((a) => String(scalar(a) ?? '')));
          for (const arg of args) {
            const value = String(scalar(arg) ?? '');
            for (const flag of listenFlags(value, true)) {
              const { port } = flag;
              const address = flag.address ?? bound;
              const { n, line } = at(arg);
              pushPorts(
                result,
                {
                  line: n,
                  kind: 'listen',
                  note: `hostNetwork: true, and the flag ${value} sets where it listens`,
                  ...(address !== undefined ? { address } : {}),
                },
                port,
                undefined,
                'plain',
                line,
              );
            }
          }
        }
      }
    }
    for (const svc of services(doc)) {
      const type = String(scalar(get(get(svc, 'spec'), 'type')) ?? 'ClusterIP');
      for (const port of items(get(get(svc, 'spec'), 'ports'))) {
        const nodePort = get(port, 'nodePort');
        if (nodePort && scalar(nodePort) !== undefined) {
          const { n, line } = at(nodePort);
          pushPorts(
            result,
            {
              line: n,
              kind: 'listen',
              note: `Service ${type}: nodePort opens on every node`,
              servicePort: true,
            },
            String(scalar(nodePort)),
            protocolOf(port),
            'plain',
            line,
          );
        } else if (type === 'NodePort' || type === 'LoadBalancer') {
          const { n, line } = at(port);
          pushPorts(
            result,
            {
              line: n,
              kind: 'listen',
              note: `Service ${type} with no nodePort: Kubernetes picks one from 30000-32767`,
              servicePort: true,
            },
            '30000-32767',
            protocolOf(port),
            'plain',
            line,
          );
        } else {
          const p = get(port, 'port');
          const { n, line } = at(p ?? port);
          pushPorts(
            result,
            {
              line: n,
              kind: 'no-host-bind',
              note: `Service ${type}: the port lives on the cluster IP, not on the nodes`,
            },
            String(scalar(p) ?? ''),
            protocolOf(port),
            'plain',
            line,
          );
        }
      }
    }
  }
  return result;
}

export function parseKubectlSvc(text: string): ParseResult {
  const result = emptyResult('kubectl-svc');
  eachLine(text, (line, n, t) => {
    if (/\bPORT\(S\)/.test(t)) return;
    const tokens = t.split(/\s+/);
    const ports = tokens.find((x) => /^(\d+(:\d+)?\/(TCP|UDP|SCTP),?)+$/i.test(x));
    const type =
      tokens.find((x) => /^(ClusterIP|NodePort|LoadBalancer|ExternalName)$/.test(x)) ?? 'ClusterIP';
    if (!ports) {
      if (type === 'ExternalName' || tokens.includes('<none>'))
        result.ignored.push({ line: n, text: line, reason: 'service with no ports' });
      else result.unrecognized.push({ line: n, text: line, reason: 'no PORT(S) column' });
      return;
    }
    for (const item of ports.split(',').filter(Boolean)) {
      const m = /^(\d+)(?::(\d+))?\/(\w+)$/.exec(item)!;
      const protocol = m[3]!.toLowerCase();
      if (protocol === 'sctp') {
        result.ignored.push({ line: n, text: line, reason: `${item}: SCTP is not checked` });
        continue;
      }
      if (m[2])
        pushPorts(
          result,
          {
            line: n,
            kind: 'listen',
            note: `${type}: only the nodePort ${m[2]} binds the host; ${m[1]} is the cluster port`,
            servicePort: true,
          },
          m[2],
          [protocol as Transport],
          'plain',
          line,
        );
      else
        pushPorts(
          result,
          {
            line: n,
            kind: 'no-host-bind',
            note: `${type}: ${m[1]} lives on the cluster IP, not on the nodes`,
          },
          m[1]!,
          [protocol as Transport],
          'plain',
          line,
        );
    }
  });
  return result;
}
