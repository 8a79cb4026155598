import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { columnValue } from '@mlops/frame';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { EmbeddedOnlineStore } from '../online';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { customerFeatures } from '../__fixtures__/customerFeatures';
import { entityFrame, loadFeatureTable, randomFeatureData, writeFeatureCsv, type FeatureRow } from '../__fixtures__/randomFeatureData';
import { postgresTarget, type TestTarget } from '../__fixtures__/targets';

const base = Date.UTC(2026, 0, 1);
const minute = 60_000;

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  let subject: TestTarget;
  let features: FeatureRow[];
  let store: SqlFeatureStore;
  const end = base + 3000 * minute;

  beforeAll(async () => {
    subject = await postgresTarget();
    features = randomFeatureData(5, { entities: 50, featureRows: 1500, entityRows: 0, ttl: 200, span: 4000 }).features.map((f) => ({ ...f, ts: base + f.ts * minute }));
    await loadFeatureTable(subject.target.knex, 'customer_events', features, subject.target.schema);
    await writeFeatureCsv(join(subject.dir, 'history.csv'), features);
    const defs = customerFeatures({ table: `${subject.target.schema}.customer_events`, csvPath: 'history.csv', ttl: 200 * minute });
    const online = new EmbeddedOnlineStore({ knex: subject.target.knex, schema: subject.target.schema });
    store = new SqlFeatureStore({ definitions: defs, registry: subject.target, online, projectRoot: subject.dir, now: () => end - 1 });
    await store.start();
  });
  afterAll(async () => {
    await store?.close();
    await subject?.cleanup();
  });

  it('materializes in chunks into the embedded online store and reads back what the offline join gives at the same instant', async () => {
    const result = await store.materialize({ start: base, end, chunkSize: 9 });
    const expected = new Set(features.filter((f) => f.ts < end).map((f) => f.customer_id)).size;
    expect(result.views.map((v) => v.written)).toEqual([expected, expected]);
    const ids = [...Array(50).keys(), 777];
    const online = await store.getOnlineFeatures({ featureService: 'training', entities: ids.map((id) => ({ customer_id: id })), request: ids.map(() => ({ amount: 10 })) });
    const offline = await store.getHistoricalFeatures(entityFrame(ids.map((id) => ({ customer_id: id, event_timestamp: end - 1, amount: 10 }))), 'training');
    for (const name of ['spend', 'orders', 'segment', 'active', 'amount_over_spend']) {
      expect(online.values[name]).toEqual(ids.map((_, i) => columnValue(offline.column(name), i)));
    }
    expect(online.status.orders!.filter((s) => s === 'expired').length).toBeGreaterThan(0);
    expect((await store.materializeIncremental({ end, views: ['customer_stats'] })).views[0]!.written).toBe(0);
  });
});
