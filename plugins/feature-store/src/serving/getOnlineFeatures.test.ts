import { describe, expect, it } from '@jest/globals';
import type { OnlineReadColumns, OnlineStore } from '@mlops/core';
import { MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, sqlSource } from '../definitions';
import { serviceColumns } from '../definitions/serviceColumns';
import { getOnlineFeatures } from './getOnlineFeatures';

const now = 1_750_000_000_000;
const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const stats = featureView({ name: 'stats', entities: [customer], source: sqlSource({ table: 'events', timestampColumn: 'ts' }), ttl: 60_000, features: { spend: 'float', plan: 'string' } });
const plan = serviceColumns(featureService({ name: 'svc', features: [stats] }));

/** The same store with a columnar read, built from its own per-entity read. */
function withColumns(store: MemoryOnlineStore): OnlineStore {
  return {
    write: (...a) => store.write(...a),
    read: (...a) => store.read(...a),
    deleteView: (v) => store.deleteView(v),
    async readColumns(view, keys, features): Promise<OnlineReadColumns> {
      const rows = await store.read(view, keys, features);
      return { eventTimestamp: Float64Array.from(rows, (r) => (r ? r.eventTimestamp : NaN)), values: Object.fromEntries(features.map((f) => [f, rows.map((r) => (r ? (r.values[f] ?? null) : null))])) };
    },
  };
}

describe('getOnlineFeatures', () => {
  it('answers the same from a columnar read as from per-entity reads: present, missing, expired and null values', async () => {
    const store = new MemoryOnlineStore();
    await store.write('stats', [
      { entityKey: 'customer_id=1', eventTimestamp: now - 1000, values: { spend: 2.5, plan: 'pro' } },
      { entityKey: 'customer_id=2', eventTimestamp: now - 120_000, values: { spend: 9, plan: 'free' } },
      { entityKey: 'customer_id=3', eventTimestamp: now - 10, values: { spend: null, plan: 'free' } },
    ]);
    const entities = [{ customer_id: 1 }, { customer_id: 2 }, { customer_id: 3 }, { customer_id: 4 }];
    const byRows = await getOnlineFeatures({ plan, online: store, entities, now: () => now });
    const byColumns = await getOnlineFeatures({ plan, online: withColumns(store), entities, now: () => now });
    expect(byColumns).toEqual(byRows);
    expect(byColumns).toEqual({
      features: ['spend', 'plan'],
      values: { spend: [2.5, null, null, null], plan: ['pro', null, 'free', null] },
      status: { spend: ['present', 'expired', 'missing', 'missing'], plan: ['present', 'expired', 'present', 'missing'] },
      ageMs: { spend: [1000, 120_000, 10, null], plan: [1000, 120_000, 10, null] },
    });
  });

  it('passes the store columns through when nothing expired, and still marks a stored null missing', async () => {
    const store = new MemoryOnlineStore();
    await store.write('stats', [
      { entityKey: 'customer_id=1', eventTimestamp: now - 1000, values: { spend: 2.5, plan: 'pro' } },
      { entityKey: 'customer_id=3', eventTimestamp: now - 10, values: { spend: null, plan: 'free' } },
    ]);
    const entities = [{ customer_id: 1 }, { customer_id: 3 }, { customer_id: 4 }];
    const byRows = await getOnlineFeatures({ plan, online: store, entities, now: () => now });
    const byColumns = await getOnlineFeatures({ plan, online: withColumns(store), entities, now: () => now });
    expect(byColumns).toEqual(byRows);
    expect(byColumns.status).toEqual({ spend: ['present', 'missing', 'missing'], plan: ['present', 'present', 'missing'] });
    expect(byColumns.values).toEqual({ spend: [2.5, null, null], plan: ['pro', 'free', null] });
  });

  it('marks a stored null missing when every entity is present (one entity or several)', async () => {
    const store = new MemoryOnlineStore();
    await store.write('stats', [
      { entityKey: 'customer_id=1', eventTimestamp: now - 1000, values: { spend: 2.5, plan: 'pro' } },
      { entityKey: 'customer_id=3', eventTimestamp: now - 10, values: { spend: null, plan: 'free' } },
    ]);
    for (const entities of [[{ customer_id: 3 }], [{ customer_id: 1 }, { customer_id: 3 }]]) {
      const byRows = await getOnlineFeatures({ plan, online: store, entities, now: () => now });
      const byColumns = await getOnlineFeatures({ plan, online: withColumns(store), entities, now: () => now });
      expect(byColumns).toEqual(byRows);
      expect(byColumns.status.spend!.at(-1)).toBe('missing');
      expect(byColumns.status.plan!.at(-1)).toBe('present');
    }
  });
});
