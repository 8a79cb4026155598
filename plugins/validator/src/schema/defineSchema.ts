import type { z } from 'zod';
import type { datasetSchema } from './datasetSchema';

/** A dataset schema as written by users (optional fields may be left out). */
export type UserSchema = z.input<typeof datasetSchema>;
/** A dataset schema after validation, with every default filled in. */
export type DatasetSchema = z.output<typeof datasetSchema>;
/** One column of a `UserSchema`. */
export type ColumnDefinition = UserSchema['columns'][string];

/**
 * `UserSchema` whose column references (`key`, `timestamp`, `entity`, `duplicates.keys`,
 * `pii.columns`, `pii.exclude`) must name declared columns, so a typo fails to compile.
 */
export type SchemaDefinition<C extends Record<string, ColumnDefinition>> = Omit<UserSchema, 'columns' | 'key' | 'timestamp' | 'entity' | 'duplicates' | 'pii'> & {
  columns: C;
  key?: (keyof C & string) | (keyof C & string)[];
  timestamp?: keyof C & string;
  entity?: keyof C & string;
  duplicates?: Omit<NonNullable<UserSchema['duplicates']>, 'keys'> & { keys?: (keyof C & string)[] };
  pii?: Omit<NonNullable<UserSchema['pii']>, 'columns' | 'exclude'> & { columns?: (keyof C & string)[]; exclude?: (keyof C & string)[] };
};

/**
 * Declares a dataset schema. Only adds types: the schema is validated (zod) when `validateStep`
 * or the validator receives it.
 */
export function defineSchema<C extends Record<string, ColumnDefinition>>(schema: SchemaDefinition<C>): SchemaDefinition<C> {
  return schema;
}
