import type { APIRoute } from 'astro';
import { model } from '../../../domain/data';
import { endpointsExport } from '../../../view/export';

export const GET: APIRoute = () => Response.json(endpointsExport(model));
