import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Redis from 'ioredis';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { describeWithService } from '@mlops/testkit';
import { streamSource } from '../definitions';
import { EmbeddedOnlineStore } from '../online';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';
import { streamTableName } from './streamTable';
import { streamFeatures } from './__fixtures__/streamFeatures';
import { natsServerBinary, startPrivateServer, type PrivateServer } from './__fixtures__/privateServer';

const t0 = Date.UTC(2026, 0, 1);
const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Publishes events `from`..`to`-1 (customer i % 25, time t0 + i) on a private server. */
type Publish = (from: number, to: number) => Promise<void>;

const event = (i: number) => JSON.stringify({ event_id: `e${i}`, customer_id: i % 25, ts: t0 + i, spend: i, orders: i % 7, segment: 'a', active: true });

async function natsPublisher(url: string, name: string): Promise<{ publish: Publish; close(): Promise<void> }> {
  // A fresh connection per phase: the server restarts in between.
  const publish: Publish = async (from, to) => {
    const nc = await connect({ servers: url });
    try {
      const js = jetstream(nc);
      for (let at = from; at < to; at += 100) await Promise.all(Array.from({ length: Math.min(100, to - at) }, (_, j) => js.publish(`${name}.events`, event(at + j))));
    } finally {
      await nc.close();
    }
  };
  const nc = await connect({ servers: url });
  await (await jetstreamManager(nc)).streams.add({ name, subjects: [`${name}.events`] });
  await nc.close();
  return { publish, close: async () => undefined };
}

async function redisPublisher(url: string, name: string): Promise<{ publish: Publish; close(): Promise<void> }> {
  const publish: Publish = async (from, to) => {
    const redis = new Redis(url);
    try {
      const p = redis.pipeline();
      for (let i = from; i < to; i++) p.xadd(name, '*', 'data', event(i));
      await p.exec();
    } finally {
      redis.disconnect();
    }
  };
  return { publish, close: async () => undefined };
}

const cases = [
  { kind: 'nats' as const, available: natsServerBinary !== undefined, signal: 'SIGKILL' as const },
  { kind: 'redis' as const, available: hasRedisServer, signal: 'SIGKILL' as const },
];

for (const { kind, available, signal } of cases) {
  // The test starts its own server (the shared one is never killed): it needs the binary.
  const binary = () => (available ? { ok: true } : { ok: false, detail: `no ${kind === 'nats' ? 'nats-server' : 'redis-server'} binary to start a private server` });
  describeWithService(`${kind}-server binary`, binary, () => {
    describe(`ingestion through a ${kind} outage (private server, ${signal} then restart)`, () => {
      let dir: string;
      let server: PrivateServer;
      let subject: TestTarget;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), `mlops-outage-${kind}-`));
        server = await startPrivateServer(kind, dir);
        subject = await sqliteTarget();
      });
      afterAll(async () => {
        await server?.stop('SIGKILL');
        await subject?.cleanup();
        await rm(dir, { recursive: true, force: true });
      });

      it('the consumer survives the server going away mid-stream, reconnects, loses no event and duplicates no offline row', async () => {
        const name = `OUTAGE_${kind.toUpperCase()}`;
        const source =
          kind === 'nats'
            ? streamSource({ nats: { servers: server.url, stream: name, subject: `${name}.events`, durable: `${name}_ingest`, deadLetterSubject: `${name}.dead`, ackWaitMs: 2000 }, timestampColumn: 'ts', idField: 'event_id' })
            : streamSource({ redis: { url: server.url, stream: name, group: 'ingest', claimIdleMs: 2000 }, timestampColumn: 'ts', idField: 'event_id' });
        const publisher = kind === 'nats' ? await natsPublisher(server.url, name) : await redisPublisher(server.url, name);
        const defs = streamFeatures(source);
        const online = new EmbeddedOnlineStore({ knex: subject.target.knex });
        const store = new SqlFeatureStore({ definitions: defs, registry: subject.target, online, projectRoot: subject.dir });
        await store.start();
        const db = subject.target.knex;
        const count = async () => Number((await db(streamTableName(defs.view)).count({ n: '*' }))[0]!.n);
        const waitFor = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
          const until = Date.now() + ms;
          while (!(await check())) {
            if (Date.now() > until) throw new Error(`timed out waiting for ${what} (offline rows: ${await count()}; errors: ${errors.slice(-3).join(' | ')})`);
            await new Promise((r) => setTimeout(r, 50));
          }
        };
        const errors: string[] = [];
        let atOutage = 0;
        const stop = new AbortController();
        const total = 3000;
        const ingesting = store.ingest('customer_stream', { signal: stop.signal, batchSize: 50, onError: (e) => errors.push(e.message) });
        try {
          await publisher.publish(0, 1500);
          // Mid-stream: part of the first phase is stored, part is not yet read.
          await waitFor('the first events offline', async () => (await count()) >= 200);
          await server.stop(signal);
          atOutage = await count();
          expect(atOutage).toBeLessThan(1500);
          // Unreachable for a while: the consumer keeps retrying instead of failing.
          await new Promise((r) => setTimeout(r, 2500));
          await server.restart();
          await publisher.publish(1500, total);
          await waitFor(`all ${total} events offline`, async () => (await count()) >= total);
          // Redelivery of anything unacknowledged at the kill has had time to come back.
          await new Promise((r) => setTimeout(r, 2500));
        } finally {
          stop.abort();
        }
        const done = await ingesting;
        expect(errors.length).toBeGreaterThan(0);
        // Events redelivered after the outage count again here, but are stored once (below).
        expect(done.written).toBeGreaterThanOrEqual(total);
        const stored = await db(streamTableName(defs.view)).select('_msg_id');
        expect(stored.length).toBe(total);
        expect(new Set(stored.map((r) => r._msg_id))).toEqual(new Set(Array.from({ length: total }, (_, i) => `e${i}`)));
        const read = await online.read('customer_stream', Array.from({ length: 25 }, (_, c) => `customer_id=${c}`), ['spend']);
        // The newest event of customer c is the last i < total with i % 25 === c.
        expect(read.map((r) => r?.values.spend)).toEqual(Array.from({ length: 25 }, (_, c) => total - 25 + c));
        await publisher.close();
        await store.close();
      }, 150_000);
    });
  });
}

