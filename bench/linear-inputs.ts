// Inputs of one kind at any size, for the linear-time test and `npm run bench:checker`: the shapes
// that made detection and parsing quadratic (runs of blank lines, digit runs, one long line), and
// mixed text of every format the checker reads.
const MIXED = [
  'tcp   LISTEN 0      4096         0.0.0.0:9000       0.0.0.0:*    users:(("minio",pid=812,fd=7))',
  'Why does bootstrap fail on port 10250? It worked yesterday.',
  'net.ipv4.ip_local_port_range = 32768\t60999',
  '-A INPUT -p tcp -m tcp --dport 6443 -j ACCEPT',
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
  'tcp6       0      0 :::10250                :::*                    LISTEN      1234/kubelet',
  '0.0.0.0:2379-2380->2379-2380/tcp',
  'ufw allow 6443/tcp',
  'Dec 07 10:00:00 node k8sd[1]: port 10250 (needed by: kubelet) is already in use',
  '    ports:',
  '      - "9000:9000"',
  '',
];

export const INPUT_KINDS = ['blank lines', 'digit runs', 'one long line', 'mixed text'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** About `bytes` characters of one kind of input. */
export function linearInput(kind: InputKind, bytes: number): string {
  switch (kind) {
    case 'blank lines':
      return '\n'.repeat(bytes - 1) + 'x';
    case 'digit runs':
      return '1'.repeat(bytes);
    case 'one long line': {
      const unit = 'tcp 0.0.0.0:6443 -> users:((x)) 10250-10259 [::]: ';
      return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
    }
    case 'mixed text': {
      const block = MIXED.join('\n') + '\n';
      return block.repeat(Math.ceil(bytes / block.length)).slice(0, bytes);
    }
  }
}
