import { z } from 'zod';
import { parseDefinition } from '../lib/parseDefinition';
import { definitionObject } from './definitionObject';
import type { FileSource, SqlSource } from './types';

const sqlSourceSchema = z
  .object({
    table: z.string().min(1).optional(),
    query: z.string().min(1).optional(),
    timestampColumn: z.string().min(1),
    timestampFormat: z.enum(['epoch_ms', 'iso']).default('epoch_ms'),
  })
  .strict()
  .refine((s) => (s.table === undefined) !== (s.query === undefined), 'expected exactly one of table or query');

/**
 * A table or query of the offline database (the metadata store's database, or `offline.connection`).
 * `timestampColumn` holds epoch milliseconds, or ISO-8601 text with `timestampFormat: 'iso'`.
 */
export function sqlSource(definition: { table?: string; query?: string; timestampColumn: string; timestampFormat?: 'epoch_ms' | 'iso' }): SqlSource {
  return definitionObject({ kind: 'sqlSource' as const, ...parseDefinition('sqlSource', sqlSourceSchema, definition) });
}

const fileSourceSchema = z
  .object({
    path: z.string().min(1),
    format: z.enum(['csv', 'parquet']),
    timestampColumn: z.string().min(1),
  })
  .strict();

/** A CSV or Parquet file (relative to the project root); read with `@mlops/frame` and staged into the offline database. */
export function fileSource(definition: { path: string; format: 'csv' | 'parquet'; timestampColumn: string }): FileSource {
  return definitionObject({ kind: 'fileSource' as const, ...parseDefinition('fileSource', fileSourceSchema, definition) });
}
