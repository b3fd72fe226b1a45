/** The verdicts of a reachability report, worst first; small, so page scripts can import it. */
export type ReachVerdict = 'reachable' | 'refused' | 'blocked' | 'skipped';
export const REACH_VERDICTS: readonly ReachVerdict[] = [
  'blocked',
  'refused',
  'reachable',
  'skipped',
];
