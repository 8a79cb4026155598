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
  })
  .strict();

export type FeatureStoreUserOptions = z.input<typeof featureStoreOptions>;
