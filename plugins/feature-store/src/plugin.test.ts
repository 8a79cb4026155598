import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isPlugin, tokens, type DatabaseService } from '@mlops/core';
import { columnValue, Frame } from '@mlops/frame';
import { openSqlMetadataStore, type SqlMetadataStore } from '@mlops/sql-metadata';
import { createTestContext, MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, fileSource, sqlSource } from './definitions';
import { featureStoreOptions } from './options';
import { featureStore } from './plugin';
import { SqlFeatureStore } from './SqlFeatureStore';

const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const stats = featureView({ name: 'stats', entities: [customer], source: sqlSource({ table: 'events', timestampColumn: 'ts' }), features: { spend: 'float' } });
const svc = featureService({ name: 'svc', features: [stats] });

describe('featureStore plugin', () => {
  let dir: string;
  let metadata: SqlMetadataStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-fs-plugin-'));
    metadata = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
    await metadata.start();
  });
  afterAll(async () => {
    await metadata.close?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('provides the feature store, requires the database and optionally uses an online store', () => {
    expect(isPlugin(featureStore)).toBe(true);
    expect(featureStore.name).toBe('feature-store');
    expect(featureStore.provides).toBe(tokens.featureStore);
    expect(featureStore.requires).toEqual([tokens.database]);
    expect(featureStore.optional).toEqual([tokens.onlineStore, tokens.modelRegistry]);
  });

  it('keeps its tables in the metadata database and falls back to the embedded online store', async () => {
    const ctx = createTestContext(featureStore, { definitions: [svc] }, { projectRoot: dir, services: { [tokens.database.id]: metadata.database } });
    const store = (await featureStore.create(ctx)) as SqlFeatureStore;
    await store.start();
    expect(await store.health()).toEqual({ ok: true });
    expect((await store.apply()).version).toBe(1);
    // Nothing materialized: the embedded store answers, with missing values rather than an error.
    expect((await store.getOnlineFeatures({ featureService: 'svc', entities: [{ customer_id: 1 }] })).status.spend).toEqual(['missing']);
    await store.close();
  });

  it('uses a configured online store, and a separate offline SQLite file when given', async () => {
    const online = new MemoryOnlineStore();
    const ctx = createTestContext(featureStore, { definitions: { svc }, offline: { connection: 'offline.sqlite' } }, { projectRoot: dir, services: { [tokens.database.id]: metadata.database, [tokens.onlineStore.id]: online } });
    const store = (await featureStore.create(ctx)) as SqlFeatureStore;
    await store.start();
    await online.write('stats', [{ entityKey: 'customer_id=1', values: { spend: 2.5 }, eventTimestamp: Date.now() }]);
    expect((await store.getOnlineFeatures({ featureService: 'svc', entities: [{ customer_id: 1 }] })).values.spend).toEqual([2.5]);
    await store.close();
  });

  it('needs a database whose client is knex, and validates its options', async () => {
    const notKnex: DatabaseService = { dialect: 'sqlite', schema: undefined, getClient: () => ({}), migrate: async () => [] };
    const ctx = createTestContext(featureStore, {}, { projectRoot: dir, services: { [tokens.database.id]: notKnex } });
    expect(() => featureStore.create(ctx)).toThrow(/feature-store keeps its tables through knex, so tokens.database must come from an SQL store/);
    const issues = featureStoreOptions.safeParse({ definitions: 'features.ts', offline: { url: 'x' } }).error?.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(issues).toEqual([
      { path: ['definitions'], message: 'expected a list of feature definitions or a module namespace (import * as features)' },
      { path: ['offline'], message: expect.stringContaining('Unrecognized key') },
    ]);
    const engine = featureStoreOptions.safeParse({ offlineEngine: 'spark', duckdb: { memoryLimit: 'lots' } }).error?.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(engine).toEqual([
      { path: ['offlineEngine'], message: 'Invalid option: expected one of "sql"|"duckdb"' },
      { path: ['duckdb', 'memoryLimit'], message: 'expected a size like "512MB" or "2GB"' },
    ]);
  });

  it('selects the DuckDB offline engine by config, with the same training set as the SQL engine', async () => {
    await writeFile(join(dir, 'stats.csv'), 'customer_id,ts,spend\n1,10,2.5\n1,20,3.5\n2,10,7\n');
    const csvStats = featureView({ name: 'csv_stats', entities: [customer], source: fileSource({ path: 'stats.csv', format: 'csv', timestampColumn: 'ts' }), features: { spend: 'float' } });
    const csvSvc = featureService({ name: 'csv_svc', features: [csvStats] });
    const rows = Frame.fromRows([{ customer_id: 1, event_timestamp: 15 }, { customer_id: 1, event_timestamp: 25 }, { customer_id: 2, event_timestamp: 5 }], { customer_id: 'int32', event_timestamp: 'timestamp' });
    const spend: unknown[][] = [];
    for (const offlineEngine of ['duckdb', 'sql'] as const) {
      const ctx = createTestContext(featureStore, { definitions: [csvSvc], offlineEngine, duckdb: { threads: 1, memoryLimit: '256MB' } }, { projectRoot: dir, services: { [tokens.database.id]: metadata.database } });
      const store = (await featureStore.create(ctx)) as SqlFeatureStore;
      await store.start();
      const out = await store.getHistoricalFeatures(rows, 'csv_svc');
      spend.push(Array.from({ length: out.rowCount }, (_, i) => columnValue(out.column('spend'), i)));
      await store.close();
    }
    expect(spend).toEqual([
      [2.5, 3.5, null],
      [2.5, 3.5, null],
    ]);
  });
});
