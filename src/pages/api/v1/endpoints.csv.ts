import type { APIRoute } from 'astro';
import { model } from '../../../lib/data';
import { endpointsCsv } from '../../../lib/export';

export const GET: APIRoute = () => new Response(endpointsCsv(model), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
