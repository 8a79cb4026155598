import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Frame } from '@mlops/frame';
import { MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, sqlSource } from '../definitions';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';

const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const at = (iso: string) => Date.parse(iso);

describe('SQL sources', () => {
  let subject: TestTarget;
  let store: SqlFeatureStore;
  beforeAll(async () => {
    subject = await sqliteTarget();
    const db = subject.target.knex;
    await db.schema.createTable('orders', (t) => {
      t.text('customer');
      t.text('created');
      t.double('amount');
      t.text('status');
    });
    await db('orders').insert([
      { customer: 'c1', created: '2026-01-01T10:00:00Z', amount: 5, status: 'paid' },
      { customer: 'c1', created: '2026-01-02T10:00:00Z', amount: 7, status: 'paid' },
      { customer: 'c1', created: '2026-01-03T10:00:00Z', amount: 100, status: 'refunded' },
      { customer: 'c2', created: '2026-01-01T12:30:00.500Z', amount: 1.5, status: 'paid' },
    ]);
    // A query source with ISO text timestamps and renamed columns.
    const paid = featureView({
      name: 'paid_orders',
      entities: [customer],
      source: sqlSource({ query: "select customer as customer_id, created, amount as last_amount from orders where status = 'paid'", timestampColumn: 'created', timestampFormat: 'iso' }),
      ttl: '1d',
      features: { last_amount: 'float' },
    });
    store = new SqlFeatureStore({ definitions: [featureService({ name: 'paid', features: [paid] })], registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir });
    await store.start();
  });
  afterAll(async () => {
    await store.close();
    await subject.cleanup();
  });

  const rows = () =>
    Frame.fromRows(
      [
        { customer_id: 'c1', event_timestamp: at('2026-01-02T09:59:59.999Z') },
        { customer_id: 'c1', event_timestamp: at('2026-01-02T10:00:00Z') },
        { customer_id: 'c1', event_timestamp: at('2026-01-03T10:00:00Z') },
        { customer_id: 'c1', event_timestamp: at('2026-01-03T10:00:00.001Z') },
        { customer_id: 'c2', event_timestamp: at('2026-01-01T12:30:00.500Z') },
        { customer_id: 'c2', event_timestamp: at('2026-01-01T12:30:00.499Z') },
      ],
      { customer_id: 'category', event_timestamp: 'timestamp' },
    );

  it('reads a query with ISO-8601 timestamps to the millisecond, honouring the TTL bound', async () => {
    const out = await store.getHistoricalFeatures(rows(), 'paid');
    expect(out.toRows().map((r) => r.last_amount)).toEqual([5, 7, 7, null, 1.5, null]);
  });

  it('restages when the source changes, and on demand when forced', async () => {
    await subject.target.knex('orders').insert({ customer: 'c1', created: '2026-01-03T09:00:00Z', amount: 9, status: 'paid' });
    expect((await store.getHistoricalFeatures(rows(), 'paid')).toRows().map((r) => r.last_amount)).toEqual([5, 7, 9, 9, 1.5, null]);
    // Same count and time range: not noticed until forced.
    await subject.target.knex('orders').where({ amount: 9 }).update({ amount: 11 });
    expect((await store.getHistoricalFeatures(rows(), 'paid')).toRows()[2]!.last_amount).toBe(9);
    await store.stageSources({ force: true });
    expect((await store.getHistoricalFeatures(rows(), 'paid')).toRows()[2]!.last_amount).toBe(11);
  });
});
