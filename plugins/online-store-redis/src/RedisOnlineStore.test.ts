import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Redis from 'ioredis';
import { errorCodes } from '@mlops/core';
import { describeWithService, tcpTargetOfUrl } from '@mlops/testkit';
import { keysUnder, openTestStore, redisTestUrl, removeKeysUnder, testPrefix } from './__fixtures__/redisTestKit';
import type { RedisOnlineStore } from './RedisOnlineStore';

const t0 = 1_750_000_000_000;

describeWithService('redis', tcpTargetOfUrl(redisTestUrl, 6379), () => {
  describe('RedisOnlineStore on the server', () => {
    const prefix = testPrefix();
    let store: RedisOnlineStore;
    let raw: Redis;
    beforeAll(async () => {
      store = openTestStore(prefix, { writeChunkRows: 7 });
      await store.start();
      raw = new Redis(redisTestUrl);
    });
    // MONITOR opens its own connection, so `raw` stays usable for the other tests.
    afterAll(async () => {
      await store.close();
      raw.disconnect();
      await removeKeysUnder(prefix);
    });

    it('stores one hash per (view, entity) with tagged values, the event time and the write time', async () => {
      const before = Date.now();
      await store.write('stats', [{ entityKey: 'id=1', eventTimestamp: t0, values: { n: 1.5, s: '1.5', b: true, z: null } }]);
      const hash = await raw.hgetall(`${prefix}:stats:{id=1}`);
      expect(hash).toEqual({ n: '1.5', s: 's1.5', b: 't', '@event_ts': String(t0), '@written_at': expect.any(String) });
      expect(Number(hash['@written_at'])).toBeGreaterThanOrEqual(before);
      expect(await raw.pttl(`${prefix}:stats:{id=1}`)).toBe(-1);
    });

    it('reads the same values as columns (readColumns) as per entity (read), one entity or several', async () => {
      await store.write('cols', [
        { entityKey: 'a', eventTimestamp: t0, values: { n: 2.5, s: 'x', b: false } },
        { entityKey: 'b', eventTimestamp: t0 + 1, values: { n: -1, s: null, b: true } },
      ]);
      const features = ['n', 's', 'b'];
      for (const keys of [['a'], ['a', 'nobody', 'b']]) {
        const rows = await store.read('cols', keys, features);
        const columns = await store.readColumns('cols', keys, features);
        expect(Array.from(columns.eventTimestamp)).toEqual(rows.map((r) => (r ? r.eventTimestamp : NaN)));
        for (const f of features) expect(columns.values[f]).toEqual(rows.map((r) => (r ? r.values[f] : null)));
      }
      expect((await store.readColumns('cols', ['a', 'nobody'], ['n'])).values).toEqual({ n: [2.5, null] });
    });

    it('sets PEXPIRE from expireAfterMs (rounded up to whole ms)', async () => {
      await store.write('ttl', [{ entityKey: 'e', eventTimestamp: t0, values: { x: 1 } }], { expireAfterMs: 60_000.2 });
      const pttl = await raw.pttl(`${prefix}:ttl:{e}`);
      expect(pttl).toBeGreaterThan(59_000);
      expect(pttl).toBeLessThanOrEqual(60_001);
    });

    it('writes in several pipelines when rows exceed writeChunkRows, and reads in one round trip', async () => {
      const rows = Array.from({ length: 50 }, (_, i) => ({ entityKey: `k${i}`, eventTimestamp: t0, values: { i } }));
      const sent: string[] = [];
      const monitor = await raw.monitor();
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args.some((a) => typeof a === 'string' && a.startsWith(`${prefix}:chunks:`))) sent.push(String(args[0]).toLowerCase());
      });
      await store.write('chunks', rows);
      const results = await store.read('chunks', rows.map((r) => r.entityKey), ['i']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      monitor.disconnect();
      expect(results.map((r) => r?.values.i)).toEqual(rows.map((_, i) => i));
      // MONITOR shows scripts' inner calls too: 50 rows each ran the script (HGET, DEL, HSET…); 50 HMGETs.
      expect(sent.filter((c) => c === 'hmget')).toHaveLength(50);
      expect(sent.filter((c) => c === 'evalsha' || c === 'eval')).toHaveLength(50);
    });

    it('deleteView unlinks only that view under its prefix', async () => {
      const other = openTestStore(`${prefix}x`);
      try {
        await store.write('gone', [{ entityKey: 'a', eventTimestamp: t0, values: { x: 1 } }]);
        await store.write('gone_too_not', [{ entityKey: 'a', eventTimestamp: t0, values: { x: 1 } }]);
        await other.start();
        await other.write('gone', [{ entityKey: 'a', eventTimestamp: t0, values: { x: 1 } }]);
        await store.deleteView('gone');
        expect(await keysUnder(`${prefix}:gone:`)).toEqual([]);
        expect(await keysUnder(`${prefix}:gone_too_not:`)).toHaveLength(1);
        expect(await keysUnder(`${prefix}x:gone:`)).toHaveLength(1);
      } finally {
        await other.close();
        await removeKeysUnder(`${prefix}x`);
      }
    });

    it('rejects reserved feature names and bad view names before sending anything', async () => {
      await expect(store.write('v', [{ entityKey: 'e', eventTimestamp: t0, values: { '@event_ts': 1 } }])).rejects.toMatchObject({
        code: errorCodes.usage,
        message: 'online store (Redis) view "v": entity "e": feature "@event_ts": expected a name not starting with "@" (reserved for metadata), received "@event_ts"',
      });
      await expect(store.read('a:b', ['e'], ['x'])).rejects.toMatchObject({ code: errorCodes.usage });
      expect(await keysUnder(`${prefix}:v:`)).toEqual([]);
    });
  });
});
