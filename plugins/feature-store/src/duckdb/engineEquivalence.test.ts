import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { columnValue, Frame } from '@mlops/frame';
import { MemoryOnlineStore } from '@mlops/testkit';
import { entity, featureService, featureView, fileSource } from '../definitions';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';

// Written for the DuckDB engine's key coding and restaging; the SQL engine must give the same answers.
describe.each(['duckdb', 'sql'] as const)('offline engine %s: several keys as text, restaging, errors', (offlineEngine) => {
  let subject: TestTarget;
  let store: SqlFeatureStore;
  const account = entity({ name: 'account', joinKeys: ['region', 'account_id'] });
  const balances = featureView({
    name: 'balances',
    entities: [account],
    source: fileSource({ path: 'balances.csv', format: 'csv', timestampColumn: 'ts' }),
    ttl: 100,
    features: { balance: 'float', tier: 'string' },
  });

  beforeAll(async () => {
    subject = await sqliteTarget();
    await writeFile(join(subject.dir, 'balances.csv'), 'region,account_id,ts,balance,tier\neu,7,10,1.5,a\nus,7,10,2.5,b\neu,007,10,3.5,c\neu,7,20,4.5,\n');
    store = new SqlFeatureStore({ definitions: [featureService({ name: 'risk', features: [balances] })], registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir, offlineEngine });
    await store.start();
  });
  afterAll(async () => {
    await store?.close();
    await subject?.cleanup();
  });

  const rows = () =>
    Frame.fromRows(
      [
        { region: 'eu', account_id: 7, event_timestamp: 15 },
        { region: 'us', account_id: 7, event_timestamp: 15 },
        { region: 'eu', account_id: 7, event_timestamp: 25 },
        { region: 'eu', account_id: 7, event_timestamp: 121 },
        { region: 'eu', account_id: 8, event_timestamp: 25 },
        { region: null, account_id: 7, event_timestamp: 25 },
      ],
      { region: 'category', account_id: 'int32', event_timestamp: 'timestamp' },
    );
  const values = (out: Frame, name: string) => Array.from({ length: out.rowCount }, (_, i) => columnValue(out.column(name), i));

  it('joins on several keys compared as text (7 and "007" differ), with the TTL and null keys', async () => {
    const out = await store.getHistoricalFeatures(rows(), 'risk');
    expect(values(out, 'balance')).toEqual([1.5, 2.5, 4.5, null, null, null]);
    expect(values(out, 'tier')).toEqual(['a', 'b', null, null, null, null]);
  });

  it('restages a file that changed, also under concurrent calls and a forced restage', async () => {
    await writeFile(join(subject.dir, 'balances.csv'), 'region,account_id,ts,balance,tier\neu,7,10,9.5,z\neu,7,10,8.5,y\n');
    const [a, , b] = await Promise.all([store.getHistoricalFeatures(rows(), 'risk'), store.stageSources({ force: true }), store.getHistoricalFeatures(rows(), 'risk')]);
    for (const out of [a, b]) {
      expect(values(out, 'balance')).toEqual([8.5, null, 8.5, null, null, null]);
      expect(values(out, 'tier')).toEqual(['y', null, 'y', null, null, null]);
    }
  });

  it('names the file and the missing column (the same reader and message as the SQL engine)', async () => {
    await writeFile(join(subject.dir, 'balances.csv'), 'region,account_id,ts,balance\neu,7,10,1\n');
    await expect(store.getHistoricalFeatures(rows(), 'risk')).rejects.toThrow(`${join(subject.dir, 'balances.csv')}: schema names column(s) "tier" not in the header; the header has: "region", "account_id", "ts", "balance"`);
  });
});
