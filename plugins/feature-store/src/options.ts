import { z } from 'zod';

/**
 * Options of the `feature-store` plugin. `definitions` are the definition objects themselves (a
 * list, or a module's exports), imported by `mlops.config.ts` from the user's features module:
 * config is code, so no second loader is needed and the on-demand functions are the real ones.
 */
export const featureStoreOptions = z
  .object({
    definitions: z
      .union([z.array(z.unknown()), z.record(z.string(), z.unknown())], { message: 'expected a list of feature definitions or a module namespace (import * as features)' })
      .default([]),
    offline: z
      .object({
        /** `postgres://…` URL, or a SQLite file path (relative to the project root). Default: the metadata store's database. */
        connection: z.string().min(1).optional(),
        /** Postgres schema for staged tables (default `public`). */
        schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
      })
      .strict()
      .default({}),
    /** Engine of historical retrieval and materialization: `sql` (the offline database) or `duckdb` (in-process, optional dependency `@duckdb/node-api`). */
    offlineEngine: z.enum(['sql', 'duckdb']).default('sql'),
    /** Settings of the DuckDB engine. */
    duckdb: z
      .object({
        /** Worker threads (default: the number of cores). */
        threads: z.number().int().min(1).optional(),
        /** DuckDB memory limit, e.g. "2GB" (default: 80% of RAM). */
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size like "512MB" or "2GB"').optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type FeatureStoreUserOptions = z.input<typeof featureStoreOptions>;
