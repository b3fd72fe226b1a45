/**
 * How listing tools print a process name. The kernel keeps 15 characters (what `ss` shows),
 * and `lsof` cuts COMMAND to 9 by default.
 */
export const TRUNCATION = { ss: 15, lsof: 9 } as const;

export function listedForms(name: string): { tool: string; shown: string }[] {
  return [
    { tool: 'ps, ss, netstat', shown: name.slice(0, TRUNCATION.ss) },
    { tool: 'lsof', shown: name.slice(0, TRUNCATION.lsof) },
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
