/**
 * The firewall plan as Terraform for five clouds. Cloud rules reference each other across roles
 * (the control plane group admits the worker group), so each output describes the whole cluster:
 * both roles' plans, with the same options. Every rule carries a comment with its port page.
 * One file per cloud in ./terraform/, what they share in ./terraform/common.ts.
 */
import { isV6 } from '../domain/net.ts';
import type { CloudTool } from './plan.ts';
import {
  cloudFlows,
  split,
  type CloudOptions,
  type ClusterPlan,
  type Context,
} from './terraform/common.ts';
import { aws } from './terraform/aws.ts';
import { gcp } from './terraform/gcp.ts';
import { azure } from './terraform/azure.ts';
import { openstack } from './terraform/openstack.ts';
import { hcloud } from './terraform/hcloud.ts';

export {
  cloudFlows,
  type CloudOptions,
  type CloudSource,
  type ClusterPlan,
  type Flow,
} from './terraform/common.ts';

/** The site's origin for port-page links: an http(s) origin, or '' (relative links) for anything else. */
export function siteOrigin(text: string): string {
  if (!text) return '';
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
}

export function generateCloud(
  tool: CloudTool,
  cluster: ClusterPlan,
  options: CloudOptions,
): string {
  const cp = cluster['control-plane'].node;
  const given = [...cp.nodeCidrs, ...cp.clientCidrs, ...cp.monitoringCidrs];
  const ctx: Context = {
    cluster,
    flows: cloudFlows(cluster),
    origin: siteOrigin(options.origin),
    v6: given.some(isV6),
    clients: split(cp.clientCidrs),
    monitoring: split(cp.monitoringCidrs),
    nodes: cp.nodeCidrs,
  };
  const text = {
    'terraform-aws': aws,
    'terraform-gcp': gcp,
    'terraform-azure': azure,
    'terraform-openstack': openstack,
    'terraform-hcloud': hcloud,
  }[tool](ctx);
  return `${text.trimEnd()}\n`;
}
