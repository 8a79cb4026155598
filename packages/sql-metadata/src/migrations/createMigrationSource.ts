import type { Knex } from 'knex';
import { init0001 } from './0001_init';
import { datasets0002 } from './0002_datasets';

/** A migration that knows which schema it runs in (knex's `Migration` gets only the knex handle). */
export interface SchemaMigration {
  /** `NNNN_snake_case`; stored in the migrations table, so never rename a released one. */
  name: string;
  up(knex: Knex, schema: string | undefined): Promise<void>;
  down(knex: Knex, schema: string | undefined): Promise<void>;
}

/** Every migration, oldest first. Append only. */
export const migrations: readonly SchemaMigration[] = [init0001, datasets0002];

/**
 * A knex migration source over the in-code list, so migrations ship inside `dist/` and need no
 * directory scan (which would break under bundlers and in jest, where sources are `.ts`).
 */
export function createMigrationSource(schema: string | undefined, list: readonly SchemaMigration[] = migrations): Knex.MigrationSource<SchemaMigration> {
  return {
    getMigrations: async () => [...list],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({ up: (knex) => m.up(knex, schema), down: (knex) => m.down(knex, schema) }),
  };
}
