import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex, { type Knex } from 'knex';
import { isPlugin, pluginsInModule, tokens, type DatabaseService } from '@mlops/core';
import { SqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext, describeWithService, metadataStoreConformance, postgresTestUrl, sampleRun, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import * as mod from './index';
import { postgresMetadataStore } from './plugin';
import { postgresMetadataStoreOptions } from './options';

// Children of the concurrency test open the same schema through the built @mlops/sql-metadata.
const sqlMetadataEntry = resolve(__dirname, '..', '..', '..', 'packages', 'sql-metadata', 'dist', 'index.js');

describe('postgresMetadataStore plugin', () => {
  it('provides the metadata store, and the module exports it by name and as the default array', () => {
    expect(isPlugin(postgresMetadataStore)).toBe(true);
    expect(postgresMetadataStore.provides).toBe(tokens.metadataStore);
    expect(postgresMetadataStore.name).toBe('postgres-metadata-store');
    expect(postgresMetadataStore.alsoProvides).toEqual([tokens.database]);
    expect(mod.default).toEqual([postgresMetadataStore]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>)).toEqual([postgresMetadataStore]);
  });

  it('fills in defaults and accepts a URL or a connection object', () => {
    const schema = postgresMetadataStoreOptions;
    expect(schema.parse({ connection: 'postgres://u@h/db' })).toEqual({ connection: 'postgres://u@h/db', schema: 'public', pool: { min: 0, max: 10 } });
    expect(schema.parse({ connection: { host: 'db', port: 5433, database: 'mlops', application_name: 'ci' }, schema: 'team_a', pool: { max: 4 } })).toEqual({
      connection: { host: 'db', port: 5433, database: 'mlops', application_name: 'ci' },
      schema: 'team_a',
      pool: { min: 0, max: 4 },
    });
  });

  it('rejects bad options with zod issues naming the field', () => {
    const issues = (raw: unknown) => postgresMetadataStoreOptions.safeParse(raw).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({})).toEqual([['connection', expect.any(String)]]);
    expect(issues({ connection: 'mysql://x' })).toEqual([['connection', expect.any(String)]]);
    expect(issues({ connection: { port: 'x' } })).toEqual([['connection', expect.any(String)]]);
    expect(issues({ connection: 'postgres://h/db', schema: 'a-b' })).toEqual([['schema', 'a plain identifier (letters, digits, _)']]);
    expect(issues({ connection: 'postgres://h/db', pool: { min: 5, max: 2 } })).toEqual([['pool.min', 'pool.min must not exceed pool.max']]);
    expect(issues({ connection: 'postgres://h/db', shema: 'x' })).toEqual([['', expect.stringContaining('shema')]]);
  });

  it('creates a SqlMetadataStore on the configured schema without connecting yet', async () => {
    const services: Record<string, unknown> = {};
    const store = await postgresMetadataStore.create(createTestContext(postgresMetadataStore, { connection: 'postgres://nobody@127.0.0.1:1/none', schema: 'team_a' }, { services }));
    expect(store).toBeInstanceOf(SqlMetadataStore);
    expect((store as SqlMetadataStore).schema).toBe('team_a');
    // The database it provides beside itself: the same pool, its schema, dialect postgres.
    const db = services[tokens.database.id] as DatabaseService;
    expect(db).toBe((store as SqlMetadataStore).database);
    expect([db.dialect, db.schema]).toEqual(['postgres', 'team_a']);
    // Nothing listens on port 1: health reports the failure instead of throwing.
    expect(await store.health?.()).toMatchObject({ ok: false, detail: expect.stringMatching(/ECONNREFUSED|connect/) });
    await store.close?.();
  });
});

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  let admin: Knex;
  const created: string[] = [];
  beforeAll(() => {
    admin = knex({ client: 'pg', connection: postgresTestUrl(), pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    for (const schema of created) await admin.raw('drop schema if exists ?? cascade', [schema]);
    await admin.destroy();
  });

  /** A plugin-created store in a fresh `mlops_test_<random>` schema that does not exist yet. */
  async function pluginStore() {
    const schema = uniqueTestName();
    created.push(schema);
    const store = await postgresMetadataStore.create(createTestContext(postgresMetadataStore, { connection: postgresTestUrl(), schema, pool: { max: 4 } }));
    return { schema, store };
  }

  it('start() creates the missing schema and migrates it; health() is ok; close() ends the pool', async () => {
    const { schema, store } = await pluginStore();
    await store.start?.();
    const tables = await admin('information_schema.tables').where('table_schema', schema).pluck('table_name');
    expect(tables).toEqual(expect.arrayContaining(['runs', 'step_runs', 'artifacts', 'artifact_names', 'step_inputs', 'mlops_migrations']));
    await store.start?.(); // a second start (another process) is a no-op
    const run = sampleRun();
    await store.createRun(run);
    expect(await store.getRun(run.id)).toEqual(run);
    expect(await store.health?.()).toEqual({ ok: true });
    await store.close?.();
    expect(await store.health?.()).toMatchObject({ ok: false });
  });

  metadataStoreConformance('postgresMetadataStore plugin', async () => {
    const { schema, store } = await pluginStore();
    return {
      store,
      remote: { module: sqlMetadataEntry, exportName: 'openSqlMetadataStore', description: { kind: 'pg', connection: postgresTestUrl(), schema } },
    };
  });
});
