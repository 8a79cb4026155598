import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { dropPostgresSchema } from '@mlops/testkit';
import { postgresKnexConfig } from '../postgresKnexConfig';
import { sqliteKnexConfig } from '../sqliteKnexConfig';
import { migrations } from './createMigrationSource';
import { migrationsTable, runMigrations } from './runMigrations';

describe('migrations', () => {
  it('are named NNNN_snake_case, in order, without duplicates', () => {
    const names = migrations.map((m) => m.name);
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
  });

  it('apply once on SQLite and are recorded in the migrations table', async () => {
    const db = knex(sqliteKnexConfig(':memory:'));
    try {
      expect(await runMigrations(db, undefined)).toEqual(['0001_init', '0002_datasets']);
      expect(await runMigrations(db, undefined)).toEqual([]);
      expect((await db(migrationsTable).select('name')).map((r: { name: string }) => r.name)).toEqual(['0001_init', '0002_datasets']);
      for (const table of ['runs', 'step_runs', 'artifacts', 'artifact_names', 'step_inputs']) expect(await db.schema.hasTable(table)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});

describe('migrations on a SQLite file', () => {
  it("recover from the lock table a race leaves behind (two rows: knex's lock can never be taken), and leave one row", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-migrate-'));
    const file = join(dir, 'metadata.sqlite');
    const db = knex(sqliteKnexConfig(file));
    try {
      // What two processes that both found the lock table empty leave: two unlocked rows.
      await db.raw('create table `mlops_migrations_lock` (`index` integer not null primary key autoincrement, `is_locked` integer)');
      await db('mlops_migrations_lock').insert([{ is_locked: 0 }, { is_locked: 0 }]);
      const started = Date.now();
      expect(await runMigrations(db, undefined)).toEqual(['0001_init', '0002_datasets']);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await db('mlops_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apply once when four connections start on a new file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-migrate-'));
    const dbs = Array.from({ length: 4 }, () => knex(sqliteKnexConfig(join(dir, 'metadata.sqlite'), { busyTimeoutMs: 200 })));
    try {
      const applied = await Promise.all(dbs.map((db) => runMigrations(db, undefined)));
      expect(applied.flat()).toEqual(['0001_init', '0002_datasets']);
      expect(await dbs[0]!('mlops_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  it('create the schema, keep the migrations table inside it, and survive concurrent callers', async () => {
    const schema = uniqueTestName();
    const dbs = Array.from({ length: 4 }, () => knex(postgresKnexConfig(postgresTestUrl())));
    try {
      const applied = await Promise.all(dbs.map((db) => runMigrations(db, schema)));
      expect(applied.flat()).toEqual(['0001_init', '0002_datasets']);
      const tables = await dbs[0]!('information_schema.tables').where('table_schema', schema).pluck('table_name');
      expect([...tables].sort()).toEqual(
        ['artifact_names', 'artifacts', 'dataset_names', 'dataset_uses', 'dataset_versions', migrationsTable, `${migrationsTable}_lock`, 'runs', 'step_inputs', 'step_runs'].sort(),
      );
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
      await dropPostgresSchema(schema);
    }
  });
});
