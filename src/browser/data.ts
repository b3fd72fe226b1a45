/** The model for browser code: data validated at build time (see astro.config.mjs), without zod. */
import reference from 'virtual:ck8s-reference';
import { createModel } from '../domain/model.ts';

export const model = createModel(reference);
