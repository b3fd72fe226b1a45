/** Ports an operator can change at bootstrap, and where a changed one lands. */
import type { Endpoint } from './schema.ts';

export const PORT_OPTIONS = [
  'secure-port',
  'etcd-port',
  'etcd-peer-port',
  'k8s-dqlite-port',
  'tunnel-port',
] as const;
export type PortOption = (typeof PORT_OPTIONS)[number];

/** The short name people use for each option, mapped to the option or annotation the data records. */
const RECORDED_AS: Record<PortOption, string> = {
  'secure-port': 'secure-port',
  'etcd-port': 'etcd-port',
  'etcd-peer-port': 'etcd-peer-port',
  'k8s-dqlite-port': 'k8s-dqlite-port',
  'tunnel-port': 'k8sd/v1alpha1/cilium/tunnel-port',
};

/** The port an endpoint listens on once the bootstrap options in `changed` are applied. */
export function effectivePort(
  endpoint: Endpoint,
  changed: Partial<Record<PortOption, number>> = {},
): number | undefined {
  const option = PORT_OPTIONS.find((k) => endpoint.option?.name === RECORDED_AS[k] && changed[k]);
  return option ? changed[option] : endpoint.port;
}
