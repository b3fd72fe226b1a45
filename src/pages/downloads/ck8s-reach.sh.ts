// /downloads/ck8s-reach.sh: the probe with every release's paths, taking its targets at run time.
import type { APIRoute } from 'astro';
import { model } from '../../domain/data';
import { staticReachScript } from '../../firewall/reach';

export const GET: APIRoute = () =>
  new Response(staticReachScript(model), {
    headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8' },
  });
