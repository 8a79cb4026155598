import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { postgresKnexConfig, sqliteKnexConfig } from '@mlops/sql-metadata';
import { dropPostgresSchema, postgresTestUrl, uniqueTestName, type OnlineStoreSubject } from '@mlops/testkit';
import { EmbeddedOnlineStore } from '../EmbeddedOnlineStore';

/** Subject over knex handles made by `open`; every handle opened is destroyed before `cleanup`. */
function subjectOf(open: () => Knex, schema: string | undefined, cleanup: () => Promise<void>, secondConnection: boolean): OnlineStoreSubject {
  const handles: Knex[] = [];
  const store = () => {
    const knex = open();
    handles.push(knex);
    return new EmbeddedOnlineStore({ knex, schema });
  };
  return {
    store: store(),
    ...(secondConnection ? { openAnother: store } : {}),
    cleanup: async () => {
      await Promise.all(handles.map((k) => k.destroy()));
      await cleanup();
    },
  };
}

/**
 * An embedded store on a new SQLite file, removed afterwards. No second connection: better-sqlite3
 * waits for a lock synchronously, so two connections in one process deadlock until busy_timeout
 * (the writer holding the lock cannot run while the other blocks the thread). Across processes it
 * works, and {@link EmbeddedOnlineStore.test} checks that with child processes.
 */
export async function sqliteOnlineSubject(): Promise<OnlineStoreSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-online-'));
  return subjectOf(() => knexFactory(sqliteKnexConfig(join(dir, 'metadata.sqlite'))), undefined, () => rm(dir, { recursive: true, force: true }), false);
}

/** An embedded store in a new `mlops_test_<random>` Postgres schema, dropped afterwards. */
export async function postgresOnlineSubject(): Promise<OnlineStoreSubject> {
  const schema = uniqueTestName();
  return subjectOf(() => knexFactory(postgresKnexConfig(postgresTestUrl(), { pool: { min: 0, max: 4 } })), schema, () => dropPostgresSchema(schema), true);
}

