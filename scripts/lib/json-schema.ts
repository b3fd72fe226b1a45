import { z } from 'astro/zod';
import { ReferenceSchema } from '../../src/domain/schema.ts';

export function referenceJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(ReferenceSchema, { io: 'input' }), null, 2) + '\n';
}
