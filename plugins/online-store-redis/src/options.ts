import { z } from 'zod';

// Glob characters and braces would change the meaning of SCAN patterns and hash tags.
const keyPart = /^[^\s{}*?[\]\\]+$/;

/** Options of the `redisOnlineStore` plugin. */
export const redisOnlineStoreOptions = z
  .object({
    /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS; use `env('REDIS_URL')` for secrets. */
    url: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
    /** Prefix of every key, so several projects or environments share one Redis. */
    keyPrefix: z.string().regex(keyPart, 'a prefix without spaces, braces or glob characters').default('mlops:fs'),
    /** How long opening a connection may take before it counts as failed. */
    connectTimeoutMs: z.number().int().positive().default(2000),
    /** How long one command (or pipeline) may wait for its reply before it fails. */
    commandTimeoutMs: z.number().int().positive().default(1000),
    /** Longest pause between reconnection attempts while Redis is down (they back off up to it, forever). */
    maxReconnectDelayMs: z.number().int().positive().default(2000),
    /** Rows per pipeline when writing; a write of more rows sends several pipelines one after another. */
    writeChunkRows: z.number().int().positive().default(500),
    /** COUNT hint of the SCAN that `deleteView` runs; keys are unlinked in batches of this size. */
    scanCount: z.number().int().positive().default(1000),
  })
  .strict();

export type RedisOnlineStoreUserOptions = z.input<typeof redisOnlineStoreOptions>;
export type RedisOnlineStoreOptions = z.output<typeof redisOnlineStoreOptions>;
