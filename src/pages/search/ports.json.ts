import type { APIRoute } from 'astro';
import { model } from '../../lib/data';
import { portIndex } from '../../lib/search-index';

export const GET: APIRoute = () => Response.json(portIndex(model));
