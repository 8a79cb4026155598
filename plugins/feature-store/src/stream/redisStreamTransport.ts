import { hostname } from 'node:os';
import type { RedisStreamTransport } from '../definitions/types';
import type { StreamMessage, StreamTransport } from './StreamTransport';

type Entry = [id: string, fields: string[]];
type RedisClient = InstanceType<typeof import('ioredis').default>;

/**
 * {@link StreamTransport} on a Redis stream and consumer group. Order of reads: entries another
 * consumer left pending longer than `claimIdleMs` (it died: `XAUTOCLAIM` moves them here), then
 * this consumer's own pending entries (a restart under the same name), then new ones
 * (`XREADGROUP >`, blocking up to `waitMs`). The message id is the stream entry id.
 */
export function redisStreamTransport(options: RedisStreamTransport, consumerName = `${hostname()}-${process.pid}`): StreamTransport {
  let redis: RedisClient | undefined;
  // Blocking reads get their own connection: on a shared one, the acks of batches still being
  // committed would queue behind an `XREADGROUP BLOCK` for up to `waitMs`.
  let reader: RedisClient | undefined;
  let ownPendingDone = false;
  let nextClaimAt = 0;
  let claimCursor = '0-0';
  const client = () => {
    if (!redis) throw new Error(`redis stream ${options.stream}: not open`);
    return redis;
  };
  const readerClient = () => {
    if (!reader) throw new Error(`redis stream ${options.stream}: not open`);
    return reader;
  };
  const toMessages = (entries: Entry[] | null | undefined): StreamMessage[] =>
    (entries ?? []).filter((e) => Array.isArray(e[1])).map(([id, fields]) => ({ id, data: fieldOf(fields, 'data') ?? '' }));
  return {
    async open() {
      const Redis = (await import('ioredis')).default;
      redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
      // The socket's error (e.g. ECONNREFUSED) says more than connect()'s "Connection is closed";
      // a listener also keeps ioredis from logging it as unhandled while it reconnects.
      let socketError: Error | undefined;
      redis.on('error', (error: Error) => (socketError = error));
      try {
        await redis.connect();
      } catch (error) {
        // Else ioredis keeps reconnecting in the background and the process never ends.
        redis.disconnect();
        redis = undefined;
        throw socketError ?? error;
      }
      reader = redis.duplicate();
      reader.on('error', () => undefined);
      await redis.xgroup('CREATE', options.stream, options.group, '0', 'MKSTREAM').catch((error: Error) => {
        if (!/BUSYGROUP/.test(error.message)) throw error;
      });
    },
    async next(max, waitMs) {
      const r = readerClient();
      if (Date.now() >= nextClaimAt) {
        const [cursor, entries] = (await r.xautoclaim(options.stream, options.group, consumerName, options.claimIdleMs, claimCursor, 'COUNT', max)) as [string, Entry[]];
        claimCursor = cursor;
        // A full sweep (cursor back at 0-0) waits half the idle time before the next one.
        if (cursor === '0-0') nextClaimAt = Date.now() + options.claimIdleMs / 2;
        const claimed = toMessages(entries);
        if (claimed.length) return claimed;
      }
      if (!ownPendingDone) {
        const own = toMessages(streamEntries(await r.xreadgroup('GROUP', options.group, consumerName, 'COUNT', max, 'STREAMS', options.stream, '0')));
        if (own.length) return own;
        ownPendingDone = true;
      }
      return toMessages(streamEntries(await r.xreadgroup('GROUP', options.group, consumerName, 'COUNT', max, 'BLOCK', Math.max(1, Math.round(waitMs)), 'STREAMS', options.stream, '>')));
    },
    async ack(messages) {
      if (messages.length) await client().xack(options.stream, options.group, ...messages.map((m) => m.id));
    },
    async deadLetter(message, reason, view) {
      await client().xadd(options.deadLetterStream, '*', 'id', message.id, 'view', view, 'reason', reason, 'data', typeof message.data === 'string' ? message.data : Buffer.from(message.data));
    },
    async lag() {
      const groups = (await client().xinfo('GROUPS', options.stream)) as unknown[][];
      const group = groups.map(pairs).find((g) => g.name === options.group);
      // `lag` is null when Redis cannot tell (entries deleted): count the pending ones then.
      return Number(group?.lag ?? group?.pending ?? 0);
    },
    async close() {
      await reader?.quit().catch(() => reader?.disconnect());
      await redis?.quit().catch(() => redis?.disconnect());
      redis = undefined;
      reader = undefined;
    },
  };
}

function streamEntries(reply: unknown): Entry[] {
  const streams = reply as [string, Entry[]][] | null;
  return streams?.[0]?.[1] ?? [];
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function pairs(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}
