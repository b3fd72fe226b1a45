/**
 * How listing tools print a process name. The kernel keeps 15 characters (what `ss` and `ps`
 * show), and `lsof` cuts COMMAND to 9 by default. net-tools' `netstat -p` prints `PID/name` in a
 * 20-byte buffer with its terminating NUL (PROGNAME_WIDTH), so 19 characters in all: the longer
 * the PID, the shorter the name.
 */
export const TRUNCATION = { ss: 15, lsof: 9, netstatColumn: 19 } as const;

/** How many characters of the name `netstat -p` shows beside a PID of this many digits. */
export const netstatNameWidth = (pidDigits: number): number =>
  Math.max(1, TRUNCATION.netstatColumn - pidDigits - 1);

export function listedForms(name: string): { tool: string; shown: string }[] {
  return [
    { tool: 'ps, ss', shown: name.slice(0, TRUNCATION.ss) },
    { tool: 'lsof', shown: name.slice(0, TRUNCATION.lsof) },
    { tool: 'netstat -p, 7-digit PID', shown: name.slice(0, netstatNameWidth(7)) },
  ];
}

/**
 * True when `shown` is `name` itself or the truncation a listing tool would produce.
 * Any other prefix (say `kube` for `kubelet`) is not a match.
 */
export function processMatches(shown: string, name: string, netstatWidth?: number): boolean {
  if (shown === name) return true;
  if (shown.length >= name.length) return false;
  const widths: number[] = [TRUNCATION.ss, TRUNCATION.lsof];
  if (netstatWidth !== undefined) widths.push(netstatWidth);
  return widths.some((w) => shown.length === w && name.slice(0, w) === shown);
}
