import { afterAll } from '@jest/globals';
import { describeWithService, onlineStoreConformance, tcpTargetOfUrl } from '@mlops/testkit';
import { openTestStore, redisTestUrl, removeKeysUnder, testPrefix } from './__fixtures__/redisTestKit';

describeWithService('redis', tcpTargetOfUrl(redisTestUrl, 6379), () => {
  const prefix = testPrefix();
  let group = 0;
  afterAll(() => removeKeysUnder(prefix));

  onlineStoreConformance('RedisOnlineStore', () => {
    // A sub-prefix per group, so each group starts from an empty store.
    const keyPrefix = `${prefix}:g${group++}`;
    return { store: openTestStore(keyPrefix), openAnother: () => openTestStore(keyPrefix) };
  });
});
