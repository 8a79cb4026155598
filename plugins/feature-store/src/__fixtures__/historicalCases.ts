import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { columnValue, Frame } from '@mlops/frame';
import { MemoryOnlineStore } from '@mlops/testkit';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { customerFeatures } from './customerFeatures';
import { entityFrame, loadFeatureTable, oracle, randomFeatureData, writeFeatureCsv, type FeatureRow } from './randomFeatureData';
import type { TestTarget } from './targets';

const ttl = 200;

/** Point-in-time retrieval against the brute-force oracle on one database, with one offline engine. */
export function historicalCases(open: () => Promise<TestTarget>, offlineEngine: 'sql' | 'duckdb' = 'sql'): void {
  let subject: TestTarget;
  let store: SqlFeatureStore;
  let data: ReturnType<typeof randomFeatureData>;
  let defs: ReturnType<typeof customerFeatures>;

  beforeAll(async () => {
    subject = await open();
    data = randomFeatureData(7, { entities: 40, featureRows: 3000, entityRows: 2500, ttl, span: 4000 });
    const table = 'customer_events';
    await loadFeatureTable(subject.target.knex, table, data.features, subject.target.schema);
    await writeFeatureCsv(join(subject.dir, 'history.csv'), data.features);
    defs = customerFeatures({ table: subject.target.schema ? `${subject.target.schema}.${table}` : table, csvPath: 'history.csv', ttl });
    store = new SqlFeatureStore({ definitions: defs, registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir, offlineEngine });
    await store.start();
  });
  afterAll(async () => {
    await store?.close();
    await subject?.cleanup();
  });

  it('matches the brute-force oracle for every row and feature (ties, TTL edges, unknown entities), in chunks', async () => {
    const rows = entityFrame(data.entityRows);
    const out = await store.getHistoricalFeatures(rows, 'training', { chunkSize: 97 });
    expect(out.names).toEqual(['customer_id', 'event_timestamp', 'amount', 'spend', 'orders', 'segment', 'active', 'amount_over_spend', 'big_spender']);
    expect(out.schema().map((c) => c.dtype)).toEqual(['int32', 'timestamp', 'float64', 'float64', 'int32', 'category', 'bool', 'float64', 'bool']);
    const expected = oracle(data.features, data.entityRows, ttl);
    expectFeatures(out, expected, ['spend', 'orders', 'segment', 'active']);
    // The edge cases occur in the data, so the test would notice an off-by-one at the TTL bound.
    const atEdge = data.entityRows.filter((r) => data.features.some((f) => f.customer_id === r.customer_id && r.event_timestamp - f.ts === ttl)).length;
    expect(atEdge).toBeGreaterThan(100);
    expect(expected.filter((e) => e === null).length).toBeGreaterThan(50);
    for (let i = 0; i < out.rowCount; i++) {
      const spend = expected[i]?.spend ?? null;
      const amount = data.entityRows[i]!.amount;
      expect(columnValue(out.column('amount_over_spend'), i)).toBe(spend ? amount / spend : null);
      expect(columnValue(out.column('big_spender'), i)).toBe(spend === null ? null : spend > 50);
    }
  });

  it('reads a CSV source without TTL: any past value counts, never a future one', async () => {
    const out = await store.getHistoricalFeatures(entityFrame(data.entityRows), defs.lifetime);
    expect(out.names).toEqual(['customer_id', 'event_timestamp', 'amount', 'orders']);
    expectFeatures(out, oracle(data.features, data.entityRows, null), ['orders']);
  });

  it('names the missing entity columns', async () => {
    await expect(store.getHistoricalFeatures(entityFrame(data.entityRows).drop(['amount']), 'training')).rejects.toThrow(
      'getHistoricalFeatures(training): expected entity rows with columns amount, found customer_id, event_timestamp',
    );
    const textTimes = Frame.fromRows([{ customer_id: 1, event_timestamp: 'yesterday', amount: 1 }]);
    await expect(store.getHistoricalFeatures(textTimes, 'training')).rejects.toThrow(
      'getHistoricalFeatures(training): expected column event_timestamp to hold timestamps (timestamp dtype or epoch milliseconds), found a category column',
    );
    await expect(store.getHistoricalFeatures(entityFrame(data.entityRows), 'nope')).rejects.toThrow('unknown feature service "nope": expected one of training, lifetime');
  });
}

function expectFeatures(out: Frame, expected: (FeatureRow | null)[], names: (keyof FeatureRow)[]): void {
  const mismatches: string[] = [];
  for (let i = 0; i < out.rowCount; i++) {
    for (const name of names) {
      const got = columnValue(out.column(name), i);
      const want = expected[i]?.[name] ?? null;
      if (got !== want) mismatches.push(`row ${i} ${name}: got ${String(got)}, want ${String(want)}`);
    }
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
}
