/** Command-line options shared by check-ports and firewall: the node's release, role, options and changed ports. */
import { PORT_OPTIONS, type PortOption } from '../checker/types.ts';

export class UsageError extends Error {}

export interface NodeArgs {
  release?: string;
  role?: 'control-plane' | 'worker' | 'both';
  datastore?: 'etcd' | 'k8s-dqlite';
  kubeProxyReplacement?: boolean;
  ports?: Partial<Record<PortOption, number>>;
}

export const NODE_USAGE = `  --release VERSION                 release (default: the latest)
  --datastore etcd|k8s-dqlite       datastore, where the release offers both
  --kube-proxy-replacement on|off   kube-proxy replacement, where the release offers both
  --secure-port N, --etcd-port N, --etcd-peer-port N, --k8s-dqlite-port N, --tunnel-port N
                                    ports changed at bootstrap`;

/**
 * Reads argv with `--flag value` and `--flag=value` forms. Node options are handled here;
 * `other(flag, value)` handles the rest and returns false for an unknown flag.
 */
export function parseNodeArgs(
  argv: string[],
  other: (flag: string, value: () => string, arg: string) => boolean,
  roles: readonly string[] = ['control-plane', 'worker', 'both'],
): NodeArgs {
  const out: NodeArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const oneOf = <T extends string>(allowed: readonly T[]): T => {
      const v = value();
      if (!allowed.includes(v as T))
        throw new UsageError(`${flag} must be ${allowed.join(', ')}; not "${v}"`);
      return v as T;
    };
    if (flag === '--release') out.release = value();
    else if (flag === '--role') out.role = oneOf(roles) as 'control-plane' | 'worker' | 'both';
    else if (flag === '--datastore') out.datastore = oneOf(['etcd', 'k8s-dqlite'] as const);
    else if (flag === '--kube-proxy-replacement')
      out.kubeProxyReplacement = oneOf(['on', 'off'] as const) === 'on';
    else if (PORT_OPTIONS.includes(flag.slice(2) as PortOption) && flag.startsWith('--')) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 65535)
        throw new UsageError(`${flag} must be a port from 1 to 65535`);
      out.ports = { ...out.ports, [flag.slice(2)]: n };
    } else if (!other(flag, value, arg)) throw new UsageError(`unknown option ${arg}`);
  }
  return out;
}
