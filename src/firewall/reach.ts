/**
 * The reachability kit: every path a node needs to the other nodes (from the firewall plans of
 * both roles), a bash probe that tests each one from a node, and a reader of its output that
 * names the blocked hop and the rule to add. Output format `ck8s-reach v1`: one line per probe,
 * `ck8s-reach v1 from=ROLE src=IP to=IP role=ROLE proto=tcp|icmp|udp port=N result=R ms=N
 * service=NAME [reason=WHY]`, result one of open, refused, timeout, skipped.
 */
import type { Model } from '../domain/model.ts';
import type { NodeInput } from '../domain/node.ts';
import { ROLES, type Role } from '../domain/enums.ts';
import { describeOptions } from '../domain/node.ts';
import { clusterPlan } from './plan.ts';
import { shellQuote } from '../domain/escape.ts';
import { ipRegex } from '../domain/net.ts';

export const REACH_FORMAT = 'ck8s-reach v1';

/**
 * How to check what /dev/tcp cannot: the UDP overlay between nodes, as Cilium's agent sees it.
 * The DaemonSet `cilium` in kube-system and its container `cilium-agent` are upstream's names
 * (k8s-snap docs/canonicalk8s/snap/howto/networking/default-network.md, lines 49 and 96, main
 * d924cc2); `cilium-health status` reports each node's reachability from that agent.
 */
export const OVERLAY_CHECK =
  'sudo k8s kubectl -n kube-system exec ds/cilium -c cilium-agent -- cilium-health status';

export interface ReachPath {
  from: Role;
  to: Role;
  protocol: 'tcp' | 'udp';
  port: number;
  service: string;
}

/** What a node of role `from` must reach on nodes of each role, TCP and UDP, without ranges. */
export function reachPaths(model: Model, input: NodeInput): ReachPath[] {
  const { role: _role, ...options } = input;
  const cluster = clusterPlan(model, options);
  const paths: ReachPath[] = [];
  for (const from of ROLES)
    for (const to of ROLES)
      for (const r of cluster[to].rules) {
        const admits =
          r.source === 'nodes' ||
          r.source === 'clients' ||
          (r.source === 'control-plane' && from === 'control-plane');
        if (!admits || r.endPort !== undefined) continue;
        const key = (p: ReachPath) => `${p.from} ${p.to} ${p.protocol} ${p.port}`;
        const path = {
          from,
          to,
          protocol: r.protocol,
          port: r.port,
          service: r.endpoint.serviceName,
        };
        if (!paths.some((p) => key(p) === key(path))) paths.push(path);
      }
  return paths.sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.port - b.port,
  );
}

/** `SRC DST PROTO PORT SERVICE` lines, as the script's path table holds them. */
const table = (paths: readonly ReachPath[]) =>
  paths.map((p) => `${p.from} ${p.to} ${p.protocol} ${p.port} ${p.service.replace(/\s+/g, '_')}`);

const quote = shellQuote;

/**
 * The probe's body: argument parsing, the checks of its arguments (`checks`: more of them, run
 * after parsing), the probes and the output.
 */
function body(checks: string[] = []): string[] {
  return [
    'while [ $# -gt 0 ]; do',
    '  case "$1" in',
    '    --role) ROLE=$2; shift 2 ;;',
    '    --role=*) ROLE=${1#*=}; shift ;;',
    '    --release) RELEASE=$2; shift 2 ;;',
    '    --release=*) RELEASE=${1#*=}; shift ;;',
    '    --datastore) DATASTORE=$2; shift 2 ;;',
    '    --datastore=*) DATASTORE=${1#*=}; shift ;;',
    '    --load-balancer) LB=$2; shift 2 ;;',
    '    --load-balancer=*) LB=${1#*=}; shift ;;',
    '    --control-plane) CONTROL_PLANE=$2; shift 2 ;;',
    '    --control-plane=*) CONTROL_PLANE=${1#*=}; shift ;;',
    '    --worker) WORKERS=$2; shift 2 ;;',
    '    --worker=*) WORKERS=${1#*=}; shift ;;',
    '    --timeout) TIMEOUT=$2; shift 2 ;;',
    '    --timeout=*) TIMEOUT=${1#*=}; shift ;;',
    '    -h|--help) sed -n "2,9p" "$0"; exit 0 ;;',
    '    *) echo "ck8s-reach: unknown option $1" >&2; exit 2 ;;',
    '  esac',
    'done',
    'case "$ROLE" in control-plane|worker) ;; *) echo "ck8s-reach: --role must be control-plane or worker" >&2; exit 2 ;; esac',
    '[ -n "$CONTROL_PLANE$WORKERS" ] || { echo "ck8s-reach: give the peers: --control-plane IP[,IP] and/or --worker IP[,IP]" >&2; exit 2; }',
    // The same grammar as the generator's own parser (domain/net.ts), so nothing else reaches a command.
    `IP_RE=${quote(ipRegex())}`,
    "for ip in $(echo \"$CONTROL_PLANE,$WORKERS\" | tr ',' ' '); do",
    '  [[ $ip =~ $IP_RE ]] || { printf \'ck8s-reach: not an IP address: %q\\n\' "$ip" >&2; exit 2; }',
    'done',
    'case "$TIMEOUT" in \'\'|*[!0-9]*|0*) echo "ck8s-reach: --timeout must be a whole number of seconds, at least 1" >&2; exit 2 ;; esac',
    ...checks,
    "OWN=\" $(hostname -I 2>/dev/null) $(ip -o addr show 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | tr '\\n' ' ') \"",
    'HAVE_PING=0; command -v ping >/dev/null 2>&1 && HAVE_PING=1',
    'now() { date +%s%N; }',
    'emit() { printf \'%s from=%s src=%s to=%s role=%s proto=%s port=%s result=%s ms=%s service=%s%s\\n\' "$FORMAT" "$ROLE" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "${9:+ reason=$9}"; }',
    'probe() {',
    '  local ip=$1 role=$2 proto=$3 port=$4 service=$5 src start out rc ms',
    '  src=$(ip route get "$ip" 2>/dev/null | sed -n \'s/.* src \\([^ ]*\\).*/\\1/p\')',
    '  case "$OWN" in *" $ip "*) emit "${src:--}" "$ip" "$role" "$proto" "$port" skipped 0 "$service" own-address; return ;; esac',
    '  if [ "$proto" = udp ]; then emit "${src:--}" "$ip" "$role" udp "$port" skipped 0 "$service" udp-cannot-be-probed; return; fi',
    '  start=$(now)',
    '  if [ "$proto" = icmp ]; then',
    '    if [ "$HAVE_PING" = 0 ]; then emit "${src:--}" "$ip" "$role" icmp - skipped 0 ping no-ping; return; fi',
    '    ping -c 1 -W "$TIMEOUT" "$ip" >/dev/null 2>&1; rc=$?',
    '    ms=$(( ($(now) - start) / 1000000 ))',
    '    if [ $rc -eq 0 ]; then emit "${src:--}" "$ip" "$role" icmp - open "$ms" ping; else emit "${src:--}" "$ip" "$role" icmp - timeout "$ms" ping; fi',
    '    return',
    '  fi',
    '  out=$(timeout "$TIMEOUT" bash -c "exec 3<>/dev/tcp/$ip/$port" 2>&1); rc=$?',
    '  ms=$(( ($(now) - start) / 1000000 ))',
    '  if [ $rc -eq 0 ]; then emit "${src:--}" "$ip" "$role" tcp "$port" open "$ms" "$service"',
    '  elif [ $rc -eq 124 ]; then emit "${src:--}" "$ip" "$role" tcp "$port" timeout "$ms" "$service"',
    '  else emit "${src:--}" "$ip" "$role" tcp "$port" refused "$ms" "$service"; fi',
    '}',
    'PATHS=$(paths)',
    '[ -n "$PATHS" ] || { echo "ck8s-reach: no paths for release $RELEASE, datastore $DATASTORE, load balancer $LB" >&2; exit 2; }',
    'echo "# $FORMAT role=$ROLE release=$RELEASE datastore=$DATASTORE load-balancer=$LB"',
    'echo "# UDP paths (the VXLAN overlay among them) cannot be probed with /dev/tcp. Check them with:"',
    `echo "#   ${OVERLAY_CHECK}"`,
    'for target in control-plane worker; do',
    '  if [ "$target" = control-plane ]; then ips=$CONTROL_PLANE; else ips=$WORKERS; fi',
    "  for ip in $(echo \"$ips\" | tr ',' ' '); do",
    '    probe "$ip" "$target" icmp - ping',
    '    echo "$PATHS" | while read -r from to proto port service; do',
    '      [ "$from" = "$ROLE" ] && [ "$to" = "$target" ] && probe "$ip" "$target" "$proto" "$port" "$service"',
    '    done',
    '  done',
    'done',
    'exit 0',
  ];
}

function header(lines: string[]): string[] {
  return [
    '#!/usr/bin/env bash',
    '# ck8s-reach: probes, from this node, every port its role must reach on the other nodes of a',
    '# Canonical Kubernetes cluster (TCP with bash /dev/tcp and timeout), and ICMP echo with ping.',
    '# Usage: bash ck8s-reach.sh [--role control-plane|worker] [--release 1.36] [--datastore etcd]',
    '#        [--load-balancer off|on] --control-plane IP[,IP] --worker IP[,IP] [--timeout 3]',
    `# Output: one "${REACH_FORMAT}" line per probe; paste it into the conflict checker (/check/)`,
    '# or: check-ports --json. It probes nothing but the addresses given, and skips its own.',
    ...lines,
    'set -u',
    // No pathname expansion: an argument such as `*` stays a word, and is refused as one.
    'set -f',
    `FORMAT=${quote(REACH_FORMAT)}`,
  ];
}

/** The probe for one node description and its peers' addresses, with the paths built in. */
export function reachScript(model: Model, input: NodeInput): string {
  const spec = model.roleNode(input, 'reach');
  const paths = reachPaths(model, input);
  return (
    [
      ...header([
        `# Generated for: ${spec.role} node (${describeOptions({ ...spec, role: 'both' })}).`,
      ]),
      `ROLE=${quote(spec.role)}`,
      `RELEASE=${quote(spec.release)}`,
      `DATASTORE=${quote(spec.datastore)}`,
      `LB=${quote(spec.loadBalancer ? 'on' : 'off')}`,
      `CONTROL_PLANE=${quote(spec.controlPlaneIps.join(','))}`,
      `WORKERS=${quote(spec.workerIps.join(','))}`,
      'TIMEOUT=3',
      "paths() { cat <<'PATHS'",
      ...table(paths),
      'PATHS',
      '}',
      ...body([
        // The paths above are for one release and set of options; refuse to probe others.
        `case "$RELEASE/$DATASTORE/$LB" in ${quote(`${spec.release}/${spec.datastore}/${spec.loadBalancer ? 'on' : 'off'}`)}) ;; *)`,
        `  echo "ck8s-reach: this script was generated for release ${spec.release}, datastore ${spec.datastore}, load balancer ${spec.loadBalancer ? 'on' : 'off'}; use /downloads/ck8s-reach.sh or generate another" >&2; exit 2 ;; esac`,
      ]),
    ].join('\n') + '\n'
  );
}

/** The static download: the same probe, with every release, datastore and load balancer setting. */
export function staticReachScript(model: Model): string {
  const cases: string[] = [];
  for (const release of model.releases)
    for (const datastore of release.datastores)
      for (const lb of [false, true]) {
        const paths = reachPaths(model, { release: release.id, datastore, loadBalancer: lb });
        cases.push(
          `    ${release.id}/${datastore}/${lb ? 'on' : 'off'}) cat <<'PATHS'`,
          ...table(paths),
          'PATHS',
          '    ;;',
        );
      }
  return (
    [
      ...header([`# Data ${model.ref.meta.dataVersion}, releases ${model.span}.`]),
      "ROLE='worker'",
      `RELEASE=${quote(model.latest.id)}`,
      `DATASTORE=${quote(model.latest.defaultDatastore)}`,
      "LB='off'",
      "CONTROL_PLANE=''",
      "WORKERS=''",
      'TIMEOUT=3',
      'paths() {',
      '  case "$RELEASE/$DATASTORE/$LB" in',
      ...cases,
      '  esac',
      '}',
      ...body(),
    ].join('\n') + '\n'
  );
}
