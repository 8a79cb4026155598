import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knexFactory, { type Knex } from 'knex';
import { columnValue } from '@mlops/frame';
import { sqliteKnexConfig } from '@mlops/sql-metadata';
import { describeWithService } from '@mlops/testkit';
import { EmbeddedOnlineStore } from '../online';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { entityFrame, oracle, randomFeatureData, writeFeatureCsv, type FeatureRow } from '../__fixtures__/randomFeatureData';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';
import { streamTableName } from './streamTable';
import { natsHarness, redisHarness, type StreamHarness } from './__fixtures__/streamHarness';
import { eventPayloads, fileFeatures, streamFeatures } from './__fixtures__/streamFeatures';

const t0 = Date.UTC(2026, 0, 1);
const child = join(__dirname, '__fixtures__', 'ingestChild.js');
const features = ['spend', 'orders', 'segment', 'active'] as const;

/** Generated events on a 10 ms grid (many ties), shifted to real-looking times. */
function events(seed: number, count: number, entityRows = 0) {
  const data = randomFeatureData(seed, { entities: 40, featureRows: count, entityRows, ttl: 100_000, span: 50_000 });
  const shift = <T extends { ts?: number; event_timestamp?: number }>(r: T): T => ({ ...r, ...(r.ts !== undefined ? { ts: t0 + r.ts } : {}), ...(r.event_timestamp !== undefined ? { event_timestamp: t0 + r.event_timestamp } : {}) });
  return { features: data.features.map(shift), entityRows: data.entityRows.map(shift) };
}

/** Starts the ingester child; resolves lines it prints through `onLine`. */
function startChild(file: string, harness: StreamHarness, source: string, consumer: string, pauseAt: number) {
  const proc = spawn(process.execPath, [child, file, source, consumer, String(pauseAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(out)) {
      if (Date.now() > until || proc.exitCode !== null) throw new Error(`${harness.transport} ingester: no ${pattern} within ${ms} ms (exit ${proc.exitCode}); stdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { proc, exited, waitFor, output: () => out };
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The newest row per customer (ties: the later one), what the online store must hold. */
function newestPerCustomer(rows: readonly FeatureRow[]): Map<number, FeatureRow> {
  const out = new Map<number, FeatureRow>();
  for (const r of rows) if ((out.get(r.customer_id)?.ts ?? -Infinity) <= r.ts) out.set(r.customer_id, r);
  return out;
}

const transports: [string, { host: string; port: number }, () => Promise<StreamHarness>][] = [
  ['NATS JetStream', { host: '127.0.0.1', port: 4222 }, natsHarness],
  ['Redis', { host: '127.0.0.1', port: 6379 }, redisHarness],
];

for (const [service, probe, makeHarness] of transports) {
  describeWithService(service, probe, () => {
    describe(`streaming ingestion from ${service}`, () => {
      let harness: StreamHarness;
      let subject: TestTarget;
      beforeAll(async () => {
        harness = await makeHarness();
        subject = await sqliteTarget();
      });
      afterAll(async () => {
        await harness?.close();
        await subject?.cleanup();
      });

      it('after kill -9 of the consumer mid-batch and a restart, loses no event and duplicates no offline row', async () => {
        const { features: rows } = events(7, 600);
        await harness.publish(eventPayloads(rows));
        const file = join(subject.dir, 'killed.sqlite');
        // Redelivery after 1 s; the restart uses another consumer name, so Redis must claim the dead one's entries.
        const source = JSON.stringify(harness.source({ redeliverMs: 1000 }));
        const first = startChild(file, harness, source, 'first', 3);
        await first.waitFor(/^paused$/m);
        const db: Knex = knexFactory(sqliteKnexConfig(file, { busyTimeoutMs: 30_000 }));
        try {
          const view = streamFeatures(harness.source()).view;
          const count = async () => Number((await db(streamTableName(view)).count({ n: '*' }))[0]!.n);
          // The third offline append has committed (after its online write), but the child holds
          // it before acknowledging: kill it then, so the restart must skip those rows.
          const committed = Number([...first.output().matchAll(/^batch (\d+)$/gm)].pop()?.[1] ?? 0);
          expect(committed).toBeGreaterThan(0);
          await waitUntil('the held batch offline', async () => (await count()) > committed);
          first.proc.kill('SIGKILL');
          await first.exited;
          expect(await count()).toBeLessThan(600);
          const second = startChild(file, harness, source, 'second', 0);
          await waitUntil('all 600 events offline', async () => (await count()) >= 600);
          second.proc.kill('SIGTERM');
          expect(await second.exited).toBe(0);
          expect(second.output()).toMatch(/^stopped \d+$/m);

          const stored = await db(streamTableName(view)).select('*').orderBy('_seq');
          expect(stored.length).toBe(600);
          expect(new Set(stored.map((r) => r._msg_id)).size).toBe(600);
          const asText = (r: { customer_id: unknown; _ts?: unknown; ts?: unknown; spend: unknown; orders: unknown; segment: unknown; active: unknown }) =>
            JSON.stringify([String(r.customer_id), Number(r._ts ?? r.ts), r.spend, r.orders, r.segment, r.active === null ? null : Boolean(r.active)]);
          expect(stored.map(asText).sort()).toEqual(rows.map(asText).sort());

          const online = new EmbeddedOnlineStore({ knex: db });
          const newest = newestPerCustomer(rows);
          const ids = [...newest.keys()];
          const read = await online.read('customer_stream', ids.map((id) => `customer_id=${id}`), [...features]);
          expect(read.map((r) => r?.eventTimestamp)).toEqual(ids.map((id) => newest.get(id)!.ts));
        } finally {
          await db.destroy();
        }
      }, 90_000);

      it('keeps the newest value under out-of-order and replayed events, and dead-letters malformed ones while the stream goes on', async () => {
        const other = await makeHarness();
        const target = await sqliteTarget();
        try {
          const source = other.source({ idField: 'event_id' });
          const defs = streamFeatures(source);
          const online = new EmbeddedOnlineStore({ knex: target.target.knex });
          const store = new SqlFeatureStore({ definitions: defs, registry: target.target, online, projectRoot: target.dir });
          await store.start();
          const ev = (id: string, customer: number, ts: number, spend: number) => JSON.stringify({ event_id: id, customer_id: customer, ts: t0 + ts, spend, orders: 1, segment: 'a', active: true });
          const payloads = [
            ev('a', 1, 300, 3),
            ev('b', 1, 100, 1), // late
            'not json {',
            ev('c', 1, 200, 2), // late
            JSON.stringify({ event_id: 'd', customer_id: 2, ts: 'yesterday' }),
            ev('a', 1, 300, 3), // replayed: same event id
            JSON.stringify([1, 2]),
            JSON.stringify({ event_id: 'e', customer_id: 2, ts: t0 + 5, orders: 'many' }),
            // SQLite would store it, Postgres would refuse the whole batch on every redelivery.
            JSON.stringify({ event_id: 'g', customer_id: 2, ts: t0 + 6, segment: 'a\u0000b' }),
            ev('f', 2, 50, 9), // after the malformed ones: still consumed
          ];
          await other.publish(payloads);
          const stop = new AbortController();
          const done = await store.ingest('customer_stream', { signal: stop.signal, batchSize: 4, onBatch: (p) => p.received >= payloads.length && stop.abort() });
          expect(done).toEqual({ view: 'customer_stream', received: 10, written: 5, deadLettered: 5 });

          const [one, two] = await online.read('customer_stream', ['customer_id=1', 'customer_id=2'], ['spend']);
          expect([one?.eventTimestamp, one?.values.spend]).toEqual([t0 + 300, 3]);
          expect([two?.eventTimestamp, two?.values.spend]).toEqual([t0 + 50, 9]);
          const offline = await target.target.knex(streamTableName(defs.view)).select('_msg_id').orderBy('_seq');
          expect(offline.map((r) => r._msg_id)).toEqual(['a', 'b', 'c', 'f']);

          const dead = await other.deadLetters();
          expect(dead).toEqual([
            { reason: expect.stringMatching(/^not_json: expected a JSON object, received text that is not JSON/), data: 'not json {' },
            { reason: 'timestamp: ts: expected epoch milliseconds or an ISO-8601 time, received "yesterday"', data: payloads[4] },
            { reason: 'not_object: expected a JSON object, received an array', data: '[1,2]' },
            { reason: 'feature_type: orders: expected int or null, received "many"', data: payloads[7] },
            { reason: 'text: segment: expected text without NUL characters or lone UTF-16 surrogates, received a NUL character (U+0000) at index 1', data: payloads[8] },
          ]);
          const metrics = await store.metrics.registry.metrics();
          expect(metrics).toMatch(/mlops_feature_stream_dead_lettered_total\{view="customer_stream",reason="not_json"\} 1\b/);
          expect(metrics).toMatch(/mlops_feature_stream_dead_lettered_total\{view="customer_stream",reason="text"\} 1\b/);
          expect(metrics).toMatch(/mlops_feature_stream_events_total\{view="customer_stream"\} 10\b/);
          expect(metrics).toMatch(/mlops_feature_stream_consumer_lag\{view="customer_stream"\} \d+/);
          await store.close();
        } finally {
          await other.close();
          await target.cleanup();
        }
      }, 60_000);

      it('builds the same point-in-time training set from streamed events as from the same events loaded as a file', async () => {
        const other = await makeHarness();
        const target = await sqliteTarget();
        try {
          const { features: rows, entityRows } = events(21, 2000, 400);
          await writeFeatureCsv(join(target.dir, 'events.csv'), rows);
          const streamed = streamFeatures(other.source());
          const filed = fileFeatures('events.csv');
          const store = new SqlFeatureStore({ definitions: [streamed.service, filed.service], registry: target.target, online: new EmbeddedOnlineStore({ knex: target.target.knex }), projectRoot: target.dir });
          await store.start();
          await other.publish(eventPayloads(rows));
          const stop = new AbortController();
          await store.ingest('customer_stream', { signal: stop.signal, batchSize: 300, onBatch: (p) => p.received >= rows.length && stop.abort() });

          const entities = entityFrame(entityRows);
          const fromStream = await store.getHistoricalFeatures(entities, 'customer_stream_service');
          const fromFile = await store.getHistoricalFeatures(entities, 'customer_file_service');
          const expected = oracle(rows, entityRows, null);
          for (const f of features) {
            const streamCol = Array.from({ length: fromStream.rowCount }, (_, i) => columnValue(fromStream.column(f), i));
            const fileCol = Array.from({ length: fromFile.rowCount }, (_, i) => columnValue(fromFile.column(f), i));
            expect(streamCol).toEqual(fileCol);
            expect(streamCol).toEqual(expected.map((r) => r?.[f] ?? null));
          }
          await store.close();
        } finally {
          await other.close();
          await target.cleanup();
        }
      }, 60_000);
    });
  });
}
