import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryOnlineStore } from '@mlops/testkit';
import { featureView, entity, sqlSource, streamSource } from '../definitions';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';
import { streamTableName } from './streamTable';
import { streamFeatures } from './__fixtures__/streamFeatures';

// Pushing needs no stream server: the source only says where `ingest` would read.
const source = streamSource({ redis: { stream: 'unused', group: 'unused' }, timestampColumn: 'ts' });
const t0 = Date.UTC(2026, 0, 1);

describe('featureStore.push', () => {
  let subject: TestTarget;
  let online: MemoryOnlineStore;
  let store: SqlFeatureStore;
  const offlineRows = async () => subject.target.knex(streamTableName(streamFeatures(source).view)).select('*').orderBy('_seq');

  beforeAll(async () => {
    subject = await sqliteTarget();
    online = new MemoryOnlineStore();
    const batchView = featureView({ name: 'batch_only', entities: [entity({ name: 'customer', joinKeys: ['customer_id'] })], source: sqlSource({ table: 't', timestampColumn: 'ts' }), features: { x: 'float' } });
    store = new SqlFeatureStore({ definitions: [...Object.values(streamFeatures(source)), batchView], registry: subject.target, online, projectRoot: subject.dir, now: () => t0 + 10_000 });
    await store.start();
  });
  afterAll(() => subject.cleanup());

  it('writes valid events online and offline, refuses bad ones with the field and what was expected', async () => {
    const result = await store.push('customer_stream', [
      { customer_id: 1, ts: t0 + 300, spend: 3, orders: 3, segment: 'a', active: true },
      { customer_id: 1, ts: t0 + 100, spend: 1, orders: 1, segment: 'a', active: false },
      { customer_id: 2, ts: new Date(t0 + 50).toISOString(), spend: null, orders: 7 },
      { customer_id: 3, ts: t0, orders: 1.5 },
      { ts: t0, spend: 1 },
      { customer_id: 4, ts: 'yesterday' },
    ]);
    expect(result).toEqual({
      written: 3,
      refused: [
        { index: 3, reason: 'feature_type: orders: expected int or null, received 1.5' },
        { index: 4, reason: 'join_key: customer_id: expected a join key (non-empty string or number), received nothing' },
        { index: 5, reason: 'timestamp: ts: expected epoch milliseconds or an ISO-8601 time, received "yesterday"' },
      ],
    });
    // The late event (t0 + 100) did not overwrite the newer one.
    const [one, two] = await online.read('customer_stream', ['customer_id=1', 'customer_id=2'], ['spend', 'orders', 'segment', 'active']);
    expect(one).toMatchObject({ eventTimestamp: t0 + 300, values: { spend: 3, orders: 3, segment: 'a', active: true } });
    expect(two).toMatchObject({ eventTimestamp: t0 + 50, values: { spend: null, orders: 7, segment: null, active: null } });
    expect((await offlineRows()).map((r) => [r.customer_id, r._ts, r.spend])).toEqual([
      ['1', t0 + 300, 3],
      ['1', t0 + 100, 1],
      ['2', t0 + 50, null],
    ]);
  });

  it('is idempotent by id: pushing the same events again adds no offline row', async () => {
    const before = (await offlineRows()).length;
    const again = await store.push('customer_stream', [{ customer_id: 1, ts: t0 + 300, spend: 3, orders: 3, segment: 'a', active: true }]);
    expect(again.written).toBe(1);
    await store.push('customer_stream', [{ customer_id: 9, ts: t0, spend: 1 }, { customer_id: 9, ts: t0 + 1, spend: 2 }], { ids: ['x1', 'x2'] });
    await store.push('customer_stream', [{ customer_id: 9, ts: t0 + 1, spend: 2 }], { ids: ['x2'] });
    const rows = await offlineRows();
    expect(rows.length).toBe(before + 2);
    expect(rows.slice(-2).map((r) => r._msg_id)).toEqual(['x1', 'x2']);
  });

  it('names the view when it is not stream-sourced or unknown, and the ids when they do not match', async () => {
    await expect(store.push('batch_only', [])).rejects.toThrow('push "batch_only": expected a view with a streamSource, received one with a sqlSource');
    await expect(store.push('nope', [])).rejects.toThrow('unknown feature view "nope": expected one of customer_stream, batch_only');
    await expect(store.push('customer_stream', [{}], { ids: [] })).rejects.toThrow('push to "customer_stream": ids: expected one id per event (1), received 0');
  });

  it('refuses a stream table made for an earlier definition of the view, naming the columns', async () => {
    await subject.target.knex.raw('create table "mlops_fs_stream_old_view" ("_seq" integer primary key, "_msg_id" text, "customer_id" text, "_ts" double precision, "spend" double precision, "_ingested_at" double precision)');
    const old = new SqlFeatureStore({ definitions: streamFeatures(source, 'old_view'), registry: subject.target, online, projectRoot: subject.dir });
    await expect(old.push('old_view', [])).rejects.toThrow(
      'feature view "old_view": offline stream table mlops_fs_stream_old_view: expected columns _seq, _msg_id, customer_id, _ts, spend, orders, segment, active, _ingested_at, found _seq, _msg_id, customer_id, _ts, spend, _ingested_at (made for an earlier definition: drop it or rename the view)',
    );
  });

  it('counts events in, written and refused in its Prometheus metrics', async () => {
    const text = await store.metrics.registry.metrics();
    expect(text).toMatch(/mlops_feature_stream_events_total\{view="customer_stream"\} 10\b/);
    expect(text).toMatch(/mlops_feature_stream_written_total\{view="customer_stream"\} 7\b/);
    expect(text).toMatch(/mlops_feature_stream_dead_lettered_total\{view="customer_stream",reason="feature_type"\} 1\b/);
    expect(text).toMatch(/mlops_feature_stream_freshness_seconds_count\{view="customer_stream"\} 7\b/);
  });
});
