import type { APIRoute } from 'astro';
import { model } from '../../domain/data';
import { portIndex } from '../../view/search-index';

export const GET: APIRoute = () => Response.json(portIndex(model));
