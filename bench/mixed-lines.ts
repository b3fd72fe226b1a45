/**
 * A synthetic paste of many blocks in several formats, for benchmarks: a terminal session that runs
 * `ss`, `netstat` and `journalctl` in turn, with a sentence between, until it has `count` lines.
 */
export function mixedLines(count: number): string {
  const out: string[] = [];
  let i = 0;
  const port = () => 1 + ((i++ * 7919) % 65535);
  while (out.length < count) {
    out.push('ubuntu@cp-1:~$ sudo ss -tulpn');
    out.push('Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process');
    for (let k = 0; k < 40; k++)
      out.push(
        `tcp   LISTEN 0      4096      0.0.0.0:${port()}      0.0.0.0:*    users:(("nginx",pid=${1000 + i},fd=7))`,
      );
    out.push('', 'Here is the same node seen by netstat, after a restart of the service:');
    out.push('ubuntu@cp-1:~$ sudo netstat -tulpn');
    out.push('Active Internet connections (only servers)');
    out.push(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
    );
    for (let k = 0; k < 20; k++)
      out.push(
        `tcp        0      0 0.0.0.0:${port()}            0.0.0.0:*               LISTEN      ${2000 + i}/postgres`,
      );
    out.push('ubuntu@cp-1:~$ sudo journalctl -u snap.k8s.k8sd --no-pager');
    for (let k = 0; k < 10; k++)
      out.push(
        `Nov 26 14:46:${String(k).padStart(2, '0')} cp-1 k8sd[2214]: port ${port()} (needed by: kubelet) is already in use`,
      );
    out.push('');
  }
  return out.slice(0, count).join('\n');
}
