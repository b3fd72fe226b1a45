import { z } from 'astro/zod';
import { ReferenceSchema } from './schema.ts';

export function referenceJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(ReferenceSchema, { io: 'input' }), null, 2) + '\n';
}
