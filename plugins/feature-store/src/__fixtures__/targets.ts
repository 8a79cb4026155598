import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { postgresKnexConfig, sqliteKnexConfig } from '@mlops/sql-metadata';
import { postgresTestUrl, uniqueTestName } from '@mlops/testkit';
import type { SqlTarget } from '../lib/SqlTarget';

/** A database for one test file, with its project folder and cleanup. */
export interface TestTarget {
  target: SqlTarget;
  dir: string;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file in a temp folder. */
export async function sqliteTarget(): Promise<TestTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-fs-'));
  const db = knex(sqliteKnexConfig(join(dir, 'metadata.sqlite')));
  return {
    target: { knex: db, schema: undefined, dialect: 'sqlite' },
    dir,
    cleanup: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema on the test Postgres server, dropped afterwards. */
export async function postgresTarget(): Promise<TestTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-fs-pg-'));
  const schema = uniqueTestName('mlops_fs');
  const db = knex(postgresKnexConfig(postgresTestUrl()));
  await db.raw('create schema ??', [schema]);
  return {
    target: { knex: db, schema, dialect: 'postgresql' },
    dir,
    cleanup: async () => {
      await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
