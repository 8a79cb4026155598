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
 * Processes racing to create knex's lock table can each insert a lock row, after which knex
 * reports "already locked" forever (its lock is an update that must touch exactly one row). On
 * Postgres, callers first queue on an advisory lock for this schema and migrations table (seen
 * here, about one run in three with four callers); on SQLite the lock table gets its one row in
 * one statement before knex looks, and a second row left by an earlier race is removed (seen as
 * `mlops run` and `mlops runs show` started together on a new project both waiting 60 s).
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
  const sqlite = (knex.client as { dialect?: string }).dialect !== 'postgresql';
  for (let attempt = 0; ; attempt++) {
    try {
      if (sqlite) await oneSqliteLockRow(knex, `${set.tableName}_lock`);
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

/**
 * Knex's lock table with exactly one row, as knex would create it (same columns), made race-free:
 * each statement is atomic on SQLite, and the reads come first so that a store already set up does
 * not take the write lock. Extra rows can only be left by a race (knex's lock update then touches
 * all of them and fails, so none can be held), so removing them takes no one's lock.
 */
async function oneSqliteLockRow(knex: Knex, lockTable: string): Promise<void> {
  const exists = ((await knex.raw("select count(*) as n from sqlite_master where type = 'table' and name = ?", [lockTable])) as { n: number }[])[0]!.n > 0;
  const rows = exists ? Number(((await knex.raw('select count(*) as n from ??', [lockTable])) as { n: number }[])[0]!.n) : 0;
  if (rows === 1) return;
  await knex.raw('create table if not exists ?? (`index` integer not null primary key autoincrement, `is_locked` integer)', [lockTable]);
  await knex.raw('insert into ?? (is_locked) select 0 where not exists (select 1 from ??)', [lockTable, lockTable]);
  await knex.raw('delete from ?? where `index` <> (select min(`index`) from ??)', [lockTable, lockTable]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
