import type { APIRoute } from 'astro';
import { model } from '../../../domain/data';
import { preflightExport } from '../../../view/export';

export const GET: APIRoute = () => Response.json(preflightExport(model));
