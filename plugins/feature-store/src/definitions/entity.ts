import { z } from 'zod';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import { identifier } from './names';
import type { Entity } from './types';

const entitySchema = z
  .object({
    name: identifier,
    joinKeys: z.array(identifier).min(1, 'expected at least one join key').refine((k) => new Set(k).size === k.length, 'expected distinct join keys'),
    description: z.string().optional(),
  })
  .strict();

/** Declares an entity and the columns that identify it, e.g. `entity({ name: 'customer', joinKeys: ['customer_id'] })`. */
export function entity(definition: { name: string; joinKeys: readonly string[]; description?: string }): Entity {
  const parsed = parseDefinition('entity', entitySchema, definition);
  return definitionObject({ kind: 'entity' as const, ...parsed, joinKeys: Object.freeze([...parsed.joinKeys]) });
}
