// /downloads/terraform/ck8s-aws.tf and the other clouds: the whole cluster's rules for the
// latest release with its defaults, so the firewall page offers them without JavaScript.
import type { APIRoute } from 'astro';
import { SITE_URL } from '../../../consts';
import { model } from '../../../domain/data';
import { CLOUD_TOOLS, clusterPlan, terraformFile, type CloudTool } from '../../../firewall/plan';
import { generateCloud } from '../../../firewall/terraform';

export const getStaticPaths = () =>
  CLOUD_TOOLS.map((tool) => ({ params: { cloud: terraformFile(tool) }, props: { tool } }));

export const GET: APIRoute = ({ props }) =>
  new Response(
    generateCloud((props as { tool: CloudTool }).tool, clusterPlan(model, {}), {
      origin: SITE_URL,
    }),
    {
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    },
  );
