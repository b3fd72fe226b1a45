import type { APIRoute } from 'astro';
import { BASE_PATH } from '../consts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: ${BASE_PATH}\nDisallow: ${BASE_PATH}search/\n\nSitemap: ${new URL(`${BASE_PATH}sitemap.xml`, site).href}\n`,
  );
