import type { APIRoute } from 'astro';
import { model } from '../domain/data';
import { sitePages } from '../view/site-pages';
import { BASE_PATH } from '../consts';

export const GET: APIRoute = ({ site }) => {
  const urls = sitePages(model).map(
    (path) => `  <url><loc>${new URL(`${BASE_PATH}${path.slice(1)}`, site).href}</loc></url>`,
  );
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    {
      headers: { 'Content-Type': 'application/xml' },
    },
  );
};
