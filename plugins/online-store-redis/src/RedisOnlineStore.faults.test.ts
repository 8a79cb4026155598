import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { requireServiceOrSkip } from '@mlops/testkit';
import { execFileSync } from 'node:child_process';
import { DisposableRedis, sleep } from './__fixtures__/disposableRedis';
import { RedisUnavailableError } from './errors';
import { redisOnlineStoreOptions } from './options';
import { RedisOnlineStore } from './RedisOnlineStore';

const t0 = 1_750_000_000_000;
const row = (x: number) => ({ entityKey: 'e', eventTimestamp: t0 + x, values: { x } });
const fast = { connectTimeoutMs: 300, commandTimeoutMs: 300, maxReconnectDelayMs: 200 };
const open = (url: string) => new RedisOnlineStore(redisOnlineStoreOptions.parse({ url, keyPrefix: 'faults', ...fast }));

/** How long `fn` takes to reject, with what. */
async function timeRejection(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await fn();
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

async function waitUntilHealthy(store: RedisOnlineStore, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await store.health()).ok) {
    if (Date.now() - started > withinMs) throw new Error(`not healthy within ${withinMs} ms: ${(await store.health()).detail}`);
    await sleep(50);
  }
  return Date.now() - started;
}

const redisServerInstalled = () => {
  try {
    execFileSync('redis-server', ['--version']);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: `redis-server is not installed: ${(error as Error).message}` };
  }
};

(requireServiceOrSkip('redis-server binary', redisServerInstalled) ? describe : describe.skip)('RedisOnlineStore when Redis fails', () => {
  let server: DisposableRedis;
  const stores: RedisOnlineStore[] = [];
  beforeAll(async () => {
    server = await DisposableRedis.start();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(() => server.stop());

  it('with nothing listening: start() returns, reads and writes fail fast with a clear error, health is false; Redis starting later is picked up', async () => {
    const down = await DisposableRedis.start();
    await down.stop();
    const store = open(down.url);
    stores.push(store);
    const started = Date.now();
    await store.start();
    expect(Date.now() - started).toBeLessThan(2000);
    const read = await timeRejection(() => store.read('v', ['e'], ['x']));
    expect(read.ms).toBeLessThan(250);
    expect(read.error).toBeInstanceOf(RedisUnavailableError);
    expect(read.error).toMatchObject({ code: errorCodes.storage, message: expect.stringContaining(`online store (Redis at ${down.url}) is unavailable: read of view "v" failed`) });
    await expect(store.write('v', [row(1)])).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(store.deleteView('v')).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(await store.health()).toMatchObject({ ok: false, detail: expect.stringContaining(down.url) });

    await down.start();
    try {
      expect(await waitUntilHealthy(store, 5000)).toBeLessThan(5000);
      await store.write('v', [row(1)]);
      expect((await store.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 1 });
    } finally {
      await down.stop();
    }
  });

  it('server stopped: fails fast and reports unhealthy; restarted: recovers without restarting the store', async () => {
    const store = open(server.url);
    stores.push(store);
    await store.start();
    await store.write('v', [row(1)]);
    expect((await store.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 1 });
    expect(await store.health()).toEqual({ ok: true });

    await server.stop();
    await sleep(100); // let ioredis notice the closed socket
    const read = await timeRejection(() => store.read('v', ['e'], ['x']));
    expect(read.ms).toBeLessThan(250);
    expect(read.error).toBeInstanceOf(RedisUnavailableError);
    expect((await store.health()).ok).toBe(false);

    await server.start();
    expect(await waitUntilHealthy(store, 5000)).toBeLessThan(5000);
    // The restarted server is empty (no persistence) and its script cache too: EVALSHA falls back to EVAL.
    expect(await store.read('v', ['e'], ['x'])).toEqual([null]);
    await store.write('v', [row(2)]);
    expect((await store.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 2 });
  });

  it('server hung (SIGSTOP): commands time out after commandTimeoutMs instead of hanging; thawed: reads work again', async () => {
    const store = open(server.url);
    stores.push(store);
    await store.start();
    await store.write('v', [row(3)]);
    server.freeze();
    try {
      const read = await timeRejection(() => store.read('v', ['e'], ['x']));
      expect(read.ms).toBeGreaterThanOrEqual(250);
      expect(read.ms).toBeLessThan(1500);
      expect(read.error).toBeInstanceOf(RedisUnavailableError);
      expect((read.error as Error).message).toMatch(/timed out/i);
      const health = await store.health();
      expect(health.ok).toBe(false);
    } finally {
      server.thaw();
    }
    expect(await waitUntilHealthy(store, 5000)).toBeLessThan(5000);
    expect((await store.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 3 });
  });
});
