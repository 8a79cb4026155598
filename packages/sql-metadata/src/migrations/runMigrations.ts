import type { Knex } from 'knex';
import { createKnex } from '../lib/createKnex';
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
 * On Postgres, callers first queue on an advisory lock for this schema and migrations table:
 * processes racing to create knex's lock table can each insert a lock row, after which knex
 * reports "already locked" forever (seen here, about one run in three with four callers).
 */
export async function runMigrations(
  knex: Knex,
  schema: string | undefined,
  /** Another component's migrations (a plugin's own tables), recorded in its own `tableName`. */
  set: { migrations: readonly SchemaMigration[]; tableName: string } = { migrations: metadataMigrations, tableName: migrationsTable },
): Promise<string[]> {
  if ((knex.client as { dialect?: string }).dialect !== 'postgresql') return migrate(knex, schema, set);
  // A session lock needs one connection held throughout; a one-connection knex of its own keeps
  // it from starving the pool the migrations run on.
  const lock = createKnex({ ...(knex.client as { config: Knex.Config }).config, pool: { min: 1, max: 1 } });
  const key = `mlops:migrations:${schema ?? 'public'}.${set.tableName}`;
  try {
    await lock.raw('select pg_advisory_lock(hashtext(?))', [key]);
    try {
      return await migrate(knex, schema, set);
    } finally {
      await lock.raw('select pg_advisory_unlock(hashtext(?))', [key]);
    }
  } finally {
    await lock.destroy();
  }
}

async function migrate(knex: Knex, schema: string | undefined, set: { migrations: readonly SchemaMigration[]; tableName: string }): Promise<string[]> {
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
