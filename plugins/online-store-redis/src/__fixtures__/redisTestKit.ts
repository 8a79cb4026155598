import Redis from 'ioredis';
import { uniqueTestName } from '@mlops/testkit';
import { redisOnlineStoreOptions, type RedisOnlineStoreUserOptions } from '../options';
import { RedisOnlineStore } from '../RedisOnlineStore';

/** The Redis the tests use: `$MLOPS_TEST_REDIS_URL` or the local server. */
export const redisTestUrl = process.env.MLOPS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix unique to this test file; every store it makes uses a sub-prefix of it. */
export function testPrefix(): string {
  return uniqueTestName('mlops_test');
}

/** A store with the plugin's defaults, on the test Redis, under `keyPrefix`. */
export function openTestStore(keyPrefix: string, options: RedisOnlineStoreUserOptions = {}): RedisOnlineStore {
  return new RedisOnlineStore(redisOnlineStoreOptions.parse({ url: redisTestUrl, keyPrefix, ...options }));
}

/** Every key under `prefix` (SCAN, so safe on a shared server). */
export async function keysUnder(prefix: string, url = redisTestUrl): Promise<string[]> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) keys.push(...batch);
    return keys;
  } finally {
    redis.disconnect();
  }
}

/** Removes every key under `prefix`. */
export async function removeKeysUnder(prefix: string, url = redisTestUrl): Promise<void> {
  const keys = await keysUnder(prefix, url);
  if (keys.length === 0) return;
  const redis = new Redis(url);
  try {
    for (let at = 0; at < keys.length; at += 1000) await redis.unlink(...keys.slice(at, at + 1000));
  } finally {
    redis.disconnect();
  }
}
