/** The validated reference data. Importing this module validates `data/reference.json`, so a bad edit fails the build. */
import raw from '../../data/reference.json' with { type: 'json' };
import rawFirewalld from '../../data/firewalld-services.json' with { type: 'json' };
import { createModel } from './model.ts';
import { validateFirewalld, validateReference } from './validate.ts';

export const reference = validateReference(raw);
export const firewalld = validateFirewalld(rawFirewalld);
export const model = createModel(reference, { firewalld });
