import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWithService, tcpTargetOfUrl } from '@mlops/testkit';
import { keysUnder, openTestStore, redisTestUrl, removeKeysUnder, testPrefix } from './__fixtures__/redisTestKit';
import type { RedisOnlineStore } from './RedisOnlineStore';

describeWithService('redis', tcpTargetOfUrl(redisTestUrl, 6379), () => {
  describe('RedisOnlineStore: entity keys with a lone UTF-16 surrogate', () => {
    const prefix = testPrefix();
    let store: RedisOnlineStore;
    beforeAll(async () => {
      store = openTestStore(prefix, { writeChunkRows: 2 });
      await store.start();
    });
    afterAll(async () => {
      await store.close();
      await removeKeysUnder(prefix);
    });

    it('refuses them on read as bad input, instead of reading the U+FFFD key ioredis would send', async () => {
      await store.write('v', [{ entityKey: 'id=\ufffd', eventTimestamp: 1, values: { x: 1 } }]);
      const read = store.read('v', ['id=1', 'id=\ud800'], ['x']);
      await expect(read).rejects.toMatchObject({ name: 'OnlineStoreInputError', badInput: true, field: 'entityKey', received: 'a lone UTF-16 surrogate at index 3' });
      expect((await store.read('v', ['id=\ufffd'], ['x']))[0]?.values).toEqual({ x: 1 });
    });

    it('refuses them on write before anything is sent, even when the bad row is in a later chunk', async () => {
      const rows = ['a', 'b', 'c', 'd\udbff'].map((k) => ({ entityKey: k, eventTimestamp: 1, values: { x: 2 } }));
      await expect(store.write('w', rows)).rejects.toMatchObject({ name: 'OnlineStoreInputError', badInput: true, message: 'online store (Redis) view "w": entityKey: expected a well-formed string, received a lone UTF-16 surrogate at index 1' });
      expect(await keysUnder(`${prefix}:w`)).toEqual([]);
    });
  });
});
