/**
 * The firewall page's tables as text, so the built page and the browser script that redraws
 * it show exactly the same words.
 */
import { ROLE_LABEL, SOURCE_LABEL } from '../domain/labels.ts';
import { endpointUrl } from '../domain/urls.ts';
import { CLOSED_LABEL, type Plan, type Rule } from './plan.ts';

export interface RuleRow {
  port: number;
  protocol: string;
  url: string;
  service: string;
  from: string;
  upstream: string;
}

export function planHeading(plan: Plan): string {
  return `Rules for a ${ROLE_LABEL[plan.node.role]} node, ${plan.node.release}`;
}

export function ruleRow(r: Rule): RuleRow {
  const from = SOURCE_LABEL[r.source];
  const howto =
    r.inUpstreamHowto === undefined
      ? 'no how-to on this release'
      : r.inUpstreamHowto
        ? 'also opens it'
        : 'does not open it';
  return {
    port: r.port,
    protocol: r.protocol,
    url: endpointUrl(r.endpoint),
    service: r.endpoint.serviceName,
    from: r.sources.length ? `${from} (${r.sources.join(', ')})` : from,
    upstream: howto,
  };
}

export function closedRows(plan: Plan) {
  return plan.closed.map(({ endpoint, reason }) => ({
    port: endpoint.port,
    where: endpoint.where,
    protocol: endpoint.protocol,
    url: endpointUrl(endpoint),
    text: ` ${endpoint.serviceName}: ${CLOSED_LABEL[reason]}.`,
  }));
}
