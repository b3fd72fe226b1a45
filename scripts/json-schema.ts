// Writes data/reference.schema.json from the zod schema, so editors can check data/reference.json.
// A unit test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { referenceJsonSchema } from './lib/json-schema.ts';

writeFileSync('data/reference.schema.json', referenceJsonSchema());
console.log('wrote data/reference.schema.json');
