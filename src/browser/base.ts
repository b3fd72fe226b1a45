/**
 * The path the site is served under (Astro's `base`, from BASE_PATH at build), for the links and
 * requests browser scripts make: `/ports/6443/` becomes `/repo/ports/6443/` on a project site.
 */
const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export function withBase(path: string): string {
  if (BASE === '/' || !path.startsWith('/') || path.startsWith('//') || path.startsWith(BASE))
    return path;
  return `${BASE}${path.slice(1)}`;
}

/** A page's path as the site's own routes see it: `/repo/ports/6443/` → `/ports/6443/`. */
export function withoutBase(pathname: string): string {
  return BASE !== '/' && pathname.startsWith(BASE) ? `/${pathname.slice(BASE.length)}` : pathname;
}
