/** The model for browser code: data validated at build time (see astro.config.mjs), without zod. */
import reference, { owners, preflight } from 'virtual:ck8s-reference';
import { createModel } from '../domain/model.ts';

export const model = createModel(reference);

/** The model with the owners table and the pre-flight checks, for the checker; unused, it stays out of a bundle. */
export const checkerModel = () => createModel({ ...reference, owners, preflight });

/** firewalld's service catalog, loaded when a paste names firewalld services. */
export const loadFirewalld = () => import('virtual:ck8s-firewalld').then((m) => m.default);
