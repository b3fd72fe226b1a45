import type { APIRoute } from 'astro';
import { portIndex } from '../../view/search-index';

export const GET: APIRoute = () => Response.json(portIndex());
