import type { APIRoute, GetStaticPaths } from 'astro';
import { model } from '../../../../domain/data';
import { releaseExport } from '../../../../view/export';

export const getStaticPaths = (() =>
  model.releases.map((r) => ({ params: { version: r.id } }))) satisfies GetStaticPaths;
export const GET: APIRoute = ({ params }) => Response.json(releaseExport(model, params.version!));
