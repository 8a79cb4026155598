import { describe, expect, it } from '@jest/globals';
import { isPlugin, tokens } from '@mlops/core';
import { createTestContext } from '@mlops/testkit';
import defaultExport, { plugins, redisOnlineStore, RedisOnlineStore } from './index';
import { redisOnlineStoreOptions } from './options';

describe('redisOnlineStore plugin', () => {
  it('is the package default and provides the online store', () => {
    expect(isPlugin(redisOnlineStore)).toBe(true);
    expect(redisOnlineStore.name).toBe('online-store-redis');
    expect(redisOnlineStore.provides).toBe(tokens.onlineStore);
    expect(plugins).toEqual([redisOnlineStore]);
    expect(defaultExport).toBe(plugins);
  });

  it('creates a store that does not connect before start()', async () => {
    const store = await redisOnlineStore.create(createTestContext(redisOnlineStore, { keyPrefix: 'p' }));
    expect(store).toBeInstanceOf(RedisOnlineStore);
    expect((store as RedisOnlineStore).redis.status).toBe('wait');
    expect((store as RedisOnlineStore).keys.prefix).toBe('p');
    await store.close?.();
  });

  it('validates options with zod: defaults, wrong types, bad URL and prefix, unknown keys', () => {
    expect(redisOnlineStoreOptions.parse({})).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'mlops:fs',
      connectTimeoutMs: 2000,
      commandTimeoutMs: 1000,
      maxReconnectDelayMs: 2000,
      writeChunkRows: 500,
      scanCount: 1000,
    });
    const issues = (raw: unknown) => redisOnlineStoreOptions.safeParse(raw).error?.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));
    expect(issues({ url: 'http://x' })).toEqual([{ code: 'invalid_format', path: ['url'], message: 'a redis:// or rediss:// URL' }]);
    expect(issues({ keyPrefix: 'a{b}' })).toEqual([{ code: 'invalid_format', path: ['keyPrefix'], message: 'a prefix without spaces, braces or glob characters' }]);
    expect(issues({ commandTimeoutMs: 0 })?.map((i) => i.path)).toEqual([['commandTimeoutMs']]);
    expect(issues({ connectTimeoutMs: '1s' })?.map((i) => i.code)).toEqual(['invalid_type']);
    expect(issues({ urll: 'redis://x' })?.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });
});
