import type { Knex } from 'knex';
import { createMigrationSource, migrations as metadataMigrations, type SchemaMigration } from './createMigrationSource';

/** Name of the table (in the store's schema) that records which migrations ran. */
export const migrationsTable = 'mlops_migrations';

const lockWaitMs = 60_000;
const maxOtherFailures = 3;

/**
 * Brings the schema up to date; safe to call from several processes at once.
 *
 * knex's migrator does not wait for its lock: a second process gets "Migration table is already
 * locked", and two processes creating the migrations tables at once can race on a duplicate-key
 * error. So a lock conflict is retried until `lockWaitMs`, and any other failure a few times.
 */
export async function runMigrations(
  knex: Knex,
  schema: string | undefined,
  /** Another component's migrations (a plugin's own tables), recorded in its own `tableName`. */
  set: { migrations: readonly SchemaMigration[]; tableName: string } = { migrations: metadataMigrations, tableName: migrationsTable },
): Promise<string[]> {
  const started = Date.now();
  let otherFailures = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      if (schema) await knex.raw('create schema if not exists ??', [schema]);
      const [, applied] = (await knex.migrate.latest({
        migrationSource: createMigrationSource(schema, set.migrations),
        tableName: set.tableName,
        schemaName: schema,
      })) as [number, string[]];
      return applied;
    } catch (error) {
      const locked = error instanceof Error && /already locked/i.test(error.message);
      if (!locked && ++otherFailures > maxOtherFailures) throw error;
      if (Date.now() - started > lockWaitMs) throw error;
      await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
