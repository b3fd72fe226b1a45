/** The port index that number queries are answered from (served at /search/ports.json). */
import type { Model } from '../domain/model.ts';
import type { PortIndexEntry } from '../domain/search-query.ts';
import { ROLE_LABEL } from '../domain/labels.ts';
import { portUrl } from '../domain/urls.ts';

export function portIndex(model: Model): PortIndexEntry[] {
  return model.ports.map((port) => {
    const eps = model.byPort(port);
    return {
      port,
      protocols: [...new Set(eps.map((e) => e.protocol))],
      services: [...new Set(eps.map((e) => e.serviceName))],
      url: portUrl(port),
      summary: eps
        .map(
          (e) =>
            `${e.serviceName} (${e.protocol.toUpperCase()}, ${e.roles.length === 2 ? 'all nodes' : ROLE_LABEL[e.roles[0]!]}, ${model.releaseRange(e)})`,
        )
        .join('; '),
    };
  });
}
