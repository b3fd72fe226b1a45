/** The model for browser code: data validated at build time (see astro.config.mjs), without zod. */
import reference, { firewalld } from 'virtual:ck8s-reference';
import { createModel } from '../domain/model.ts';

export const model = createModel(reference);

/** The model with firewalld's service catalog, for the checker; unused, it stays out of a bundle. */
export const checkerModel = () => createModel(reference, { firewalld });
