/** The /ports/ filter state and its URL form. Pure, so it is unit-tested without a browser. */
export const FILTER_KEYS = [
  'release',
  'role',
  'bind',
  'protocol',
  'service',
  'q',
  'sort',
  'dir',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterState = Partial<Record<FilterKey, string>>;

export interface RowFacts {
  port: string;
  protocol: string;
  bind: string;
  roles: string[];
  service: string;
  releases: string[];
  text: string;
}

export function stateFromQuery(search: string): FilterState {
  const params = new URLSearchParams(search);
  const state: FilterState = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) state[key] = value;
  }
  return state;
}

export function queryFromState(state: FilterState): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function rowMatches(row: RowFacts, state: FilterState): boolean {
  if (state.release && !row.releases.includes(state.release)) return false;
  if (state.role && !row.roles.includes(state.role)) return false;
  if (state.bind && row.bind !== state.bind) return false;
  if (state.protocol && row.protocol !== state.protocol) return false;
  if (state.service && row.service !== state.service) return false;
  if (state.q) {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const hay = row.text.toLowerCase();
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

/** Compares two cell texts: numbers numerically, everything else as words. */
export function compareCells(a: string, b: string): number {
  const na = Number.parseInt(a, 10);
  const nb = Number.parseInt(b, 10);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a.localeCompare(b, 'en', { numeric: true });
}
