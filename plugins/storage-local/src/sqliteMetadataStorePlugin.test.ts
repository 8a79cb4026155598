import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { isPlugin, tokens, type DatabaseService } from '@mlops/core';
import { SqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext, metadataStoreConformance, sampleRun } from '@mlops/testkit';
import { sqliteMetadataStore } from './sqliteMetadataStorePlugin';
import { sqliteMetadataStoreOptions } from './options';

// Children of the concurrency test open the same file through the built @mlops/sql-metadata.
const sqlMetadataEntry = resolve(__dirname, '..', '..', '..', 'packages', 'sql-metadata', 'dist', 'index.js');

metadataStoreConformance('sqliteMetadataStore plugin', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-sqlite-plugin-'));
  const ctx = createTestContext(sqliteMetadataStore, { path: 'state/metadata.sqlite' }, { projectRoot: dir, stateDir: join(dir, '.mlops') });
  return {
    store: await sqliteMetadataStore.create(ctx),
    remote: { module: sqlMetadataEntry, exportName: 'openSqlMetadataStore', description: { kind: 'sqlite', path: join(dir, 'state', 'metadata.sqlite') } },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('sqliteMetadataStore plugin', () => {
  let dir: string;
  let dirs: { projectRoot: string; stateDir: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-sqlite-plugin-'));
    dirs = { projectRoot: join(dir, 'project'), stateDir: join(dir, 'project', '.mlops') };
  });

  it('also provides tokens.database: the same SQLite file, whose migrate() keeps a namespace of its own', async () => {
    expect(sqliteMetadataStore.alsoProvides).toEqual([tokens.database]);
    const services: Record<string, unknown> = {};
    const store = (await sqliteMetadataStore.create(createTestContext(sqliteMetadataStore, { path: join(dir, 'db.sqlite') }, { ...dirs, services }))) as SqlMetadataStore;
    await store.start();
    const db = services[tokens.database.id] as DatabaseService<Knex>;
    expect(db).toBe(store.database);
    expect([db.dialect, db.schema]).toEqual(['sqlite', undefined]);
    const migration = { name: '0001_notes', up: (k: Knex) => k.schema.createTable('notes', (t) => t.string('text')), down: (k: Knex) => k.schema.dropTable('notes') };
    expect(await db.migrate('notes', [migration])).toEqual(['0001_notes']);
    expect(await db.migrate('notes', [migration])).toEqual([]);
    await db.getClient()('notes').insert({ text: 'kept beside the runs' });
    expect(await db.getClient()('mlops_notes_migrations').pluck('name')).toEqual(['0001_notes']);
    await expect(async () => db.migrate('../x', [])).rejects.toThrow('migration namespace must match');
    await store.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is a plugin providing the metadata store', () => {
    expect(isPlugin(sqliteMetadataStore)).toBe(true);
    expect(sqliteMetadataStore.provides).toBe(tokens.metadataStore);
    expect(sqliteMetadataStore.name).toBe('sqlite-metadata-store');
  });

  it('defaults to <stateDir>/metadata.sqlite, migrates on start, and is healthy until closed', async () => {
    const store = await sqliteMetadataStore.create(createTestContext(sqliteMetadataStore, {}, dirs));
    expect(store).toBeInstanceOf(SqlMetadataStore);
    await store.start?.();
    expect(existsSync(join(dirs.stateDir, 'metadata.sqlite'))).toBe(true);
    const run = sampleRun();
    await store.createRun(run);
    expect(await store.getRun('latest')).toEqual(run);
    expect(await store.health?.()).toEqual({ ok: true });
    await store.close?.();
    expect(await store.health?.()).toMatchObject({ ok: false });
  });

  it('resolves a relative path against the project root', async () => {
    const store = await sqliteMetadataStore.create(createTestContext(sqliteMetadataStore, { path: 'db/m.sqlite', busyTimeoutMs: 100 }, dirs));
    await store.start?.();
    await store.close?.();
    expect(existsSync(join(dirs.projectRoot, 'db', 'm.sqlite'))).toBe(true);
  });

  it('validates options with zod', () => {
    const schema = sqliteMetadataStoreOptions;
    expect(schema.parse({})).toEqual({ busyTimeoutMs: 5000 });
    const issues = (raw: unknown) => schema.safeParse(raw).error?.issues.map((i) => ({ code: i.code, path: i.path }));
    expect(issues({ path: ['a'] })).toEqual([{ code: 'invalid_type', path: ['path'] }]);
    expect(issues({ busyTimeoutMs: 1.5 })).toEqual([{ code: 'invalid_type', path: ['busyTimeoutMs'] }]);
    expect(issues({ schema: 'x' })).toEqual([{ code: 'unrecognized_keys', path: [] }]);
  });
});
