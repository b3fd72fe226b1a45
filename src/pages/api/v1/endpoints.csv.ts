import type { APIRoute } from 'astro';
import { model } from '../../../domain/data';
import { endpointsCsv } from '../../../view/export';

export const GET: APIRoute = () =>
  new Response(endpointsCsv(model), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
