import Redis from 'ioredis';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { uniqueTestName } from '@mlops/testkit';
import { streamSource } from '../../definitions';
import type { StreamSource } from '../../definitions/types';

/** The servers the stream tests use. */
export const natsTestUrl = process.env.MLOPS_TEST_NATS_URL || 'nats://127.0.0.1:4222';
export const redisTestUrl = process.env.MLOPS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** One transport under test: a stream with unique names, a publisher, and a reader of its dead letters. */
export interface StreamHarness {
  readonly transport: 'nats' | 'redis';
  /** The source definition for this stream; `redeliverMs`: how soon an unacknowledged message comes back. */
  source(options?: { idField?: string; redeliverMs?: number }): StreamSource;
  /** Publishes each payload as one message, in order. */
  publish(payloads: readonly string[]): Promise<void>;
  /** The dead-letter entries: reason and original payload. */
  deadLetters(): Promise<{ reason: string; data: string }[]>;
  /** Deletes the streams and disconnects. */
  close(): Promise<void>;
}

/** A JetStream stream `<name>` on subject `<name>.events`, dead letters on `<name>.dead`. */
export async function natsHarness(): Promise<StreamHarness> {
  const name = uniqueTestName('mlops_fs_stream').toUpperCase();
  const nc = await connect({ servers: natsTestUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const subject = `${name}.events`;
  const deadLetterSubject = `${name}.dead`;
  await jsm.streams.add({ name, subjects: [subject] });
  return {
    transport: 'nats',
    source: (options = {}) =>
      streamSource({ nats: { servers: natsTestUrl, stream: name, subject, durable: `${name}_ingest`, deadLetterSubject, ackWaitMs: options.redeliverMs ?? 30_000 }, timestampColumn: 'ts', ...(options.idField ? { idField: options.idField } : {}) }),
    async publish(payloads) {
      // Publish acks are awaited in windows: in order, without one round trip per message.
      for (let at = 0; at < payloads.length; at += 200) {
        const acks = payloads.slice(at, at + 200).map((p) => js.publish(subject, p));
        await Promise.all(acks);
      }
    },
    async deadLetters() {
      const out: { reason: string; data: string }[] = [];
      const info = await jsm.streams.info(`${name}_DEAD`).catch(() => undefined);
      for (let seq = info?.state.first_seq ?? 1; info && seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage(`${name}_DEAD`, { seq });
        if (m) out.push({ reason: m.header.get('Mlops-Reason'), data: m.string() });
      }
      return out;
    },
    async close() {
      for (const stream of [name, `${name}_DEAD`]) await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    },
  };
}

/** A Redis stream `<name>` with group `ingest`, dead letters in `<name>:dead`. */
export async function redisHarness(): Promise<StreamHarness> {
  const name = uniqueTestName('mlops_fs_stream');
  const redis = new Redis(redisTestUrl);
  return {
    transport: 'redis',
    source: (options = {}) =>
      streamSource({ redis: { url: redisTestUrl, stream: name, group: 'ingest', claimIdleMs: options.redeliverMs ?? 30_000 }, timestampColumn: 'ts', ...(options.idField ? { idField: options.idField } : {}) }),
    async publish(payloads) {
      for (let at = 0; at < payloads.length; at += 500) {
        const pipeline = redis.pipeline();
        for (const p of payloads.slice(at, at + 500)) pipeline.xadd(name, '*', 'data', p);
        await pipeline.exec();
      }
    },
    async deadLetters() {
      const entries = await redis.xrange(`${name}:dead`, '-', '+');
      return entries.map(([, fields]) => {
        const get = (f: string) => fields[fields.indexOf(f) + 1]!;
        return { reason: get('reason'), data: get('data') };
      });
    },
    async close() {
      await redis.del(name, `${name}:dead`);
      await redis.quit();
    },
  };
}
