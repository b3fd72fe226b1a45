/** Synthetic `ss -tulpn` output for benchmarks: realistic lines, many distinct ports and processes. */
export function ssLines(count: number): string {
  const procs = [
    'kubelet',
    'sshd',
    'containerd',
    'kube-proxy',
    'nginx',
    'postgres',
    'cilium-agent',
    'node_exporter',
    'etcd',
    'k8sd',
  ];
  const addrs = [
    '0.0.0.0',
    '127.0.0.1',
    '*',
    '[::]',
    '10.0.0.5',
    '[::ffff:10.0.0.7]',
    '127.0.0.53%lo',
  ];
  const out = ['Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process'];
  for (let i = 0; i < count; i++) {
    const udp = i % 11 === 0;
    const port = 1 + ((i * 7919) % 65535);
    const proc = procs[i % procs.length]!;
    out.push(
      `${udp ? 'udp   UNCONN' : 'tcp   LISTEN'} 0      4096      ${addrs[i % addrs.length]}:${port}      0.0.0.0:*    users:(("${proc}",pid=${1000 + i},fd=${i % 90}))`,
    );
  }
  return out.join('\n') + '\n';
}
