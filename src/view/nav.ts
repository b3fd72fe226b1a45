/** The site's main navigation, in one list. */
export const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/ports/', label: 'Ports' },
  { href: '/services/', label: 'Services' },
  { href: '/releases/', label: 'Releases' },
  { href: '/check/', label: 'Checker' },
  { href: '/firewall/', label: 'Firewall' },
  { href: '/guides/', label: 'Guides' },
] as const;

/** Whether a nav entry is the section the page at `path` belongs to. */
export const isCurrent = (href: string, path: string): boolean =>
  href === '/' ? path === '/' : path.startsWith(href);
