import type { APIRoute } from 'astro';
import { model } from '../../../lib/data';
import { endpointsExport } from '../../../lib/export';

export const GET: APIRoute = () => Response.json(endpointsExport(model));
