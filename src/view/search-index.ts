/** The port index that number and check-key queries are answered from (served at /search/ports.json). */
import type { PortIndexEntry } from '../domain/search-query.ts';
import { portUrl } from '../domain/urls.ts';
import { portPages } from './port-page.ts';

export function portIndex(): PortIndexEntry[] {
  return portPages().map((page) => ({
    port: page.port,
    ...(page.endPort !== undefined ? { endPort: page.endPort } : {}),
    protocols: page.protocols.map((p) => p.toLowerCase()),
    services: page.services,
    keys: [...new Set(page.checks.map((c) => c.key))],
    url: portUrl(page.port, page.endPort),
    summary: page.summary,
  }));
}
