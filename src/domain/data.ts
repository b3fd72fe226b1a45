/** The validated reference data. Importing this module validates `data/reference.json`, so a bad edit fails the build. */
import raw from '../../data/reference.json' with { type: 'json' };
import rawFirewalld from '../../data/firewalld-services.json' with { type: 'json' };
import { createModel } from './model.ts';
import { ReferenceDataError, validateFirewalld, validateReference } from './validate.ts';

/** Validates, and in a command reports bad data as its message alone, exiting 1. */
function validated<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ReferenceDataError) || typeof process === 'undefined') throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export const reference = validated(() => validateReference(raw));
export const firewalld = validated(() => validateFirewalld(rawFirewalld));
export const model = createModel(reference, { firewalld });
