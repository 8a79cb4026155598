import { z } from 'zod';

/** Names of definitions and features become SQL identifiers and keys: a letter, then letters, digits, `_`. */
export const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an identifier (a letter or _, then letters, digits or _)');

/** `{ name: 'float' | 'int' | 'string' | 'bool' }` with at least one entry. */
export const featureSchema = z
  .record(identifier, z.enum(['float', 'int', 'string', 'bool'], { message: 'expected one of float, int, string, bool' }))
  .refine((s) => Object.keys(s).length > 0, 'expected at least one feature');
