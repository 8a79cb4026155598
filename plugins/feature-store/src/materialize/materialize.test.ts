import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MaterializeProgress, OnlineFeatureRow, OnlineStore } from '@mlops/core';
import { columnValue } from '@mlops/frame';
import { MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, sqlSource } from '../definitions';
import { EmbeddedOnlineStore } from '../online';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { customerFeatures } from '../__fixtures__/customerFeatures';
import { entityFrame, loadFeatureTable, oracle, randomFeatureData, writeFeatureCsv, type FeatureRow } from '../__fixtures__/randomFeatureData';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';

// Minutes from a fixed base, so the online stores' real-time expiry (write time + TTL) never fires during a test.
const base = Date.UTC(2026, 0, 1);
const minute = 60_000;
const ttl = 200 * minute;
const scale = <T extends { ts?: number; event_timestamp?: number }>(rows: T[]): T[] =>
  rows.map((r) => ({ ...r, ...(r.ts !== undefined ? { ts: base + r.ts * minute } : {}), ...(r.event_timestamp !== undefined ? { event_timestamp: base + r.event_timestamp * minute } : {}) }));

/** Fails the `failAt`-th write, to simulate a crash in the middle of a materialization. */
class FlakyOnlineStore implements OnlineStore {
  writes = 0;
  rows = 0;
  constructor(
    readonly inner: OnlineStore,
    private readonly failAt: number,
  ) {}
  async write(view: string, rows: readonly OnlineFeatureRow[], options?: { expireAfterMs?: number | null }) {
    if (++this.writes === this.failAt) throw new Error('connection lost');
    this.rows += rows.length;
    return this.inner.write(view, rows, options);
  }
  read(view: string, keys: readonly string[], features: readonly string[]) {
    return this.inner.read(view, keys, features);
  }
  deleteView(view: string) {
    return this.inner.deleteView(view);
  }
}

// Both offline engines materialize from the same source; each run has its own database, watermarks and online table.
describe.each(['sql', 'duckdb'] as const)('materialization and online reads (SQLite, embedded online store, offlineEngine %s)', (offlineEngine) => {
  let subject: TestTarget;
  let features: FeatureRow[];
  let defs: ReturnType<typeof customerFeatures>;
  let online: EmbeddedOnlineStore;
  const opened: SqlFeatureStore[] = [];
  const open = async (store: OnlineStore, now = base + 4000 * minute) => {
    const fs = new SqlFeatureStore({ definitions: defs, registry: subject.target, online: store, projectRoot: subject.dir, now: () => now, offlineEngine });
    await fs.start();
    opened.push(fs);
    return fs;
  };

  beforeAll(async () => {
    subject = await sqliteTarget();
    features = scale(randomFeatureData(11, { entities: 60, featureRows: 2000, entityRows: 0, ttl: 200, span: 4000 }).features);
    await loadFeatureTable(subject.target.knex, 'customer_events', features);
    await writeFeatureCsv(join(subject.dir, 'history.csv'), features);
    defs = customerFeatures({ table: 'customer_events', csvPath: 'history.csv', ttl });
    online = new EmbeddedOnlineStore({ knex: subject.target.knex });
  });
  afterAll(async () => {
    for (const store of opened) await store.close();
    await subject.cleanup();
  });

  it('resumes a window after a failed chunk, then online reads agree with the offline join at the same instant', async () => {
    const end = base + 3000 * minute;
    const flaky = new FlakyOnlineStore(online, 3);
    const progress: MaterializeProgress[] = [];
    const first = await open(flaky);
    await expect(first.materialize({ start: base, end, views: ['customer_stats'], chunkSize: 7, onProgress: (p) => progress.push(p) })).rejects.toThrow('connection lost');
    expect(progress.map((p) => p.written)).toEqual([7, 14]);
    const total = new Set(features.filter((f) => f.ts < end).map((f) => f.customer_id)).size;
    expect(progress[0]!.total).toBe(total);

    const resumed = new FlakyOnlineStore(online, -1);
    const second = await open(resumed, end - 1);
    const result = await second.materialize({ start: base, end, views: ['customer_stats'], chunkSize: 7, onProgress: (p) => progress.push(p) });
    expect(result.views).toEqual([{ view: 'customer_stats', start: base, end, written: total }]);
    expect(resumed.rows).toBe(total - 14);
    expect(progress.at(-1)).toEqual({ view: 'customer_stats', written: total, total });

    // Every known entity plus two unknown ones, read at the instant just before `end`.
    const ids = [...Array(60).keys(), 998, 999];
    const got = await second.getOnlineFeatures({ featureService: 'training', entities: ids.map((id) => ({ customer_id: id })), request: ids.map(() => ({ amount: 100 })) });
    const rows = ids.map((id) => ({ customer_id: id, event_timestamp: end - 1, amount: 100 }));
    const offline = await second.getHistoricalFeatures(entityFrame(rows), 'training');
    const latest = oracle(features, rows, null);
    let expired = 0;
    for (let i = 0; i < ids.length; i++) {
      for (const name of ['spend', 'orders', 'segment', 'active', 'amount_over_spend', 'big_spender']) {
        expect([ids[i], name, got.values[name]![i]]).toEqual([ids[i], name, columnValue(offline.column(name), i)]);
      }
      const status = got.status.orders![i];
      if (latest[i] === null) expect(status).toBe('missing');
      else if (end - 1 - latest[i]!.ts > ttl) expect([status, got.values.orders![i], expired++]).toEqual(['expired', null, expect.any(Number)]);
      else expect(status).toBe(latest[i]!.orders === null ? 'missing' : 'present');
      if (latest[i]) expect(got.ageMs.orders![i]).toBe(end - 1 - latest[i]!.ts);
    }
    expect(expired).toBeGreaterThan(0);
    expect(got.status.spend!.slice(-2)).toEqual(['missing', 'missing']);
    expect(got.values.spend!.slice(-2)).toEqual([null, null]);
  });

  it('materializes incrementally from the stored watermark', async () => {
    const store = await open(online);
    const result = await store.materializeIncremental({ end: base + 3500 * minute, views: ['customer_stats'] });
    const window = features.filter((f) => f.ts >= base + 3000 * minute && f.ts < base + 3500 * minute);
    expect(result.views).toEqual([{ view: 'customer_stats', start: base + 3000 * minute, end: base + 3500 * minute, written: new Set(window.map((f) => f.customer_id)).size }]);
    expect((await store.materializeIncremental({ end: base + 3500 * minute, views: ['customer_stats'] })).views[0]!.written).toBe(0);
    const metrics = await store.metrics.registry.getSingleMetricAsString('mlops_feature_view_staleness_seconds');
    const newest = Math.max(...window.map((f) => f.ts));
    expect(metrics).toContain(`mlops_feature_view_staleness_seconds{view="customer_stats"} ${(base + 4000 * minute - newest) / 1000}`);
  });

  it('computes on a miss with read-through, caches the result, and counts values by status', async () => {
    const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
    let calls = 0;
    const scores = featureView({
      name: 'scores',
      entities: [customer],
      source: sqlSource({ table: 'customer_events', timestampColumn: 'ts' }),
      features: { orders: 'int' },
      readThrough: { compute: (e) => (calls++, e.customer_id === 7 ? { orders: 42 } : null), cacheTtlMs: 60_000 },
    });
    const store = new SqlFeatureStore({ definitions: [featureService({ name: 'scores', features: [scores] })], registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir });
    const read = () => store.getOnlineFeatures({ featureService: 'scores', entities: [{ customer_id: 7 }, { customer_id: 8 }] });
    expect((await read()).values.orders).toEqual([42, null]);
    expect((await read()).status.orders).toEqual(['present', 'missing']);
    expect(calls).toBe(3);
    const text = await store.metrics.registry.metrics();
    expect(text).toContain('mlops_feature_online_values_total{view="scores",status="present"} 2');
    expect(text).toContain('mlops_feature_online_values_total{view="scores",status="missing"} 2');
    expect(text).toContain('mlops_feature_online_missing_ratio{view="scores"} 0.5');
    expect(text).toContain('mlops_feature_online_read_seconds_count{feature_service="scores"} 2');
  });

  it('names a missing join key instead of returning nulls for a typo', async () => {
    const store = await open(online);
    await expect(store.getOnlineFeatures({ featureService: 'training', entities: [{ customer: 1 }] })).rejects.toThrow('getOnlineFeatures(training): expected every entity to give customer_id, some lack customer_id');
  });
});
