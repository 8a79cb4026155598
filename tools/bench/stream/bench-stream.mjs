#!/usr/bin/env node
// Streaming ingestion end to end, in one run against the real servers:
//   throughput  events/s of `featureStore.ingest` (@mlops/feature-store: validation, online write
//               through RedisOnlineStore's compare-and-set script, offline append to Postgres with
//               ON CONFLICT on the message id, ack after both, metrics) against a raw client loop
//               doing the same reads and writes by hand (read a batch, JSON.parse, the same Lua
//               script in a pipeline, the same INSERT … ON CONFLICT in a transaction, ack).
//               Both drain a stream pre-filled with the same --events; rounds alternate which
//               goes first; the median round counts. Goal ≥ 0.8×.
//   freshness   a producer process publishes at --rate events/s (event time = publish time) for
//               --seconds while `ingest` runs; freshness = time the online write resolved minus the
//               event time, per event. Goal p99 < 50 ms at 5,000 events/s. Baselines in the same
//               run: a raw consumer doing the same writes (`raw_p99`), and one that only receives
//               (`hop_p99`, the transport's own floor on this machine at this load). Beside each:
//               CPU seconds of this process and of the stream server, event-loop delay, GC pauses;
//               for ours also `before_write_p99` (event time → the start of its online write) and
//               events per online write, on NATS the most messages it held unacknowledged
//               (`ack_pending_max`). `--freshness hop,mlops,raw` picks the lines.
// Transports: --transport redis|nats|both (default both). Needs Redis, Postgres and NATS
// (REDIS_URL, PG_URL, NATS_URL; defaults on 127.0.0.1) and `npx tsc -b tsconfig.build.json`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot } from '../lib/common.mjs';

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const pgUrl = process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const events = numberOption('events', 30_000);
const rounds = numberOption('rounds', 3);
const rate = numberOption('rate', 5000);
const seconds = numberOption('seconds', 10);
const batchSize = numberOption('batch', 2000);
const transportArg = process.argv.includes('--transport') ? process.argv[process.argv.indexOf('--transport') + 1] : 'both';
const transports = transportArg === 'both' ? ['redis', 'nats'] : [transportArg];
// Which freshness lines to run (e.g. `--freshness mlops` alone under a profiler).
const freshnessLines = process.argv.includes('--freshness') ? process.argv[process.argv.indexOf('--freshness') + 1].split(',') : ['hop', 'mlops', 'raw'];

const fs = loadBuilt('plugins/feature-store');
const { RedisOnlineStore, redisOnlineStoreOptions } = loadBuilt('plugins/online-store-redis');
const { writeScript } = createRequire(import.meta.url)(join(repoRoot, 'plugins/online-store-redis/dist/lib/writeScript.js'));
const { encodeFeature } = createRequire(import.meta.url)(join(repoRoot, 'plugins/online-store-redis/dist/lib/featureCodec.js'));
const { postgresKnexConfig } = loadBuilt('packages/sql-metadata');
const fsRequire = createRequire(join(repoRoot, 'plugins/feature-store/package.json'));
const Redis = fsRequire('ioredis');
const knexFactory = fsRequire('knex');
const { connect } = fsRequire('@nats-io/transport-node');
const js = fsRequire('@nats-io/jetstream');

const tag = `mlops_bench_${randomBytes(4).toString('hex')}`;
const redis = new Redis(redisUrl);
const knex = knexFactory(postgresKnexConfig(pgUrl));
await knex.raw('create schema ??', [tag]);
const nc = await connect({ servers: natsUrl });
const jsm = await js.jetstreamManager(nc);
const jsc = js.jetstream(nc);
const cleanups = [async () => knex.raw('drop schema if exists ?? cascade', [tag]), () => unlinkUnder(`${tag}_`)];

/** Removes the online hashes both sides wrote (SCAN, so safe on a shared server). */
async function unlinkUnder(prefix) {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) if (keys.length) await redis.unlink(...keys);
}

/**
 * CPU seconds used so far by the server process named `comm` that listens on `port` (user + system,
 * from /proc), or NaN. By port: tests may run private servers of the same name meanwhile.
 */
function serverCpu(comm, port) {
  const tick = 100; // USER_HZ on Linux
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) continue;
      if (!new RegExp(`[ :]${port}\\b`).test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {}
  }
  return NaN;
}

/**
 * Runs `fn` and adds what it cost to its result: CPU seconds of this process and of the stream
 * server, this process's event-loop delay (p99, max) and GC pauses (wall time, so a pause stretched
 * by preemption on a busy machine counts in full).
 */
async function withCosts(transport, fn) {
  const [comm, port] = transport === 'redis' ? ['redis-server', new URL(redisUrl).port || '6379'] : ['nats-server', new URL(natsUrl).port || '4222'];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const gc = { minor: 0, major: 0, max: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc[e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : 'major'] += e.duration;
      gc.max = Math.max(gc.max, e.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  loop.enable();
  const server0 = serverCpu(comm, port);
  const own0 = process.cpuUsage();
  const result = await fn();
  const own = process.cpuUsage(own0);
  loop.disable();
  observer.disconnect();
  const ms = (x) => Math.round(x);
  return { ...result, cpu_s: +((own.user + own.system) / 1e6).toFixed(2), server_cpu_s: +(serverCpu(comm, port) - server0).toFixed(2), loop_p99_ms: ms(loop.percentile(99) / 1e6), loop_max_ms: ms(loop.max / 1e6), gc_minor_ms: ms(gc.minor), gc_major_ms: ms(gc.major), gc_max_ms: ms(gc.max) };
}

const featureNames = ['spend', 'orders', 'segment', 'active'];
function payload(i, ts = 1_767_225_600_000 + i) {
  return JSON.stringify({ customer_id: i % 2000, ts, spend: (i % 997) * 0.5, orders: i % 50, segment: ['a', 'b', 'c'][i % 3], active: i % 2 === 0 });
}

/** A fresh stream named `name` on `transport`, filled with `count` events; returns the source definition. */
async function makeStream(transport, name, count) {
  if (transport === 'redis') {
    cleanups.push(() => redis.del(name, `${name}:dead`));
    for (let at = 0; at < count; at += 1000) {
      const p = redis.pipeline();
      for (let i = at; i < Math.min(count, at + 1000); i++) p.xadd(name, '*', 'data', payload(i));
      await p.exec();
    }
    return fs.streamSource({ redis: { url: redisUrl, stream: name, group: 'ingest' }, timestampColumn: 'ts' });
  }
  const stream = name.toUpperCase();
  await jsm.streams.add({ name: stream, subjects: [`${stream}.events`] });
  cleanups.push(() => jsm.streams.delete(stream).catch(() => {}), () => jsm.streams.delete(`${stream}_DEAD`).catch(() => {}));
  for (let at = 0; at < count; at += 500) await Promise.all(Array.from({ length: Math.min(500, count - at) }, (_, k) => jsc.publish(`${stream}.events`, payload(at + k))));
  return fs.streamSource({ nats: { servers: natsUrl, stream, subject: `${stream}.events`, durable: 'ingest', deadLetterSubject: `${stream}.dead` }, timestampColumn: 'ts' });
}

function definitions(source, view) {
  const customer = fs.entity({ name: 'customer', joinKeys: ['customer_id'] });
  return [fs.featureView({ name: view, entities: [customer], source, features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' } })];
}

/** `featureStore.ingest` until it has received `count` events (a number, or a promise of one); events/s. */
async function runMlops(source, view, count, onlineWrap = (s) => s) {
  const online = new RedisOnlineStore(redisOnlineStoreOptions.parse({ url: redisUrl, keyPrefix: `${tag}_m` }));
  await online.start?.();
  const store = new fs.SqlFeatureStore({ definitions: definitions(source, view), registry: { knex, schema: tag, dialect: 'postgresql' }, online: onlineWrap(online), projectRoot: repoRoot });
  await store.start();
  const stop = new AbortController();
  let target = typeof count === 'number' ? count : Infinity;
  let received = 0;
  if (typeof count !== 'number') count.then((n) => ((target = n), received >= n && stop.abort()));
  const started = performance.now();
  await store.ingest(view, { signal: stop.signal, batchSize, onBatch: (p) => (received = p.received) >= target && stop.abort() });
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  await online.close();
  return received / elapsed;
}

/** The raw Redis reader: XREADGROUP what is there (up to a batch), `handle` it, XACK; until `done()`. */
async function readRedisGroup(source, done, handle) {
  const r = new Redis(redisUrl);
  const { stream, group } = source.transport;
  await r.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  while (!done()) {
    const reply = await r.xreadgroup('GROUP', group, 'raw', 'COUNT', batchSize, 'BLOCK', 200, 'STREAMS', stream, '>');
    const entries = reply?.[0]?.[1] ?? [];
    if (!entries.length) continue;
    await handle(entries.map(([id, fields]) => ({ id, data: fields[1] })));
    await r.xack(stream, group, ...entries.map(([id]) => id));
  }
  r.disconnect();
}

/** The raw loop: the same reads and writes by hand; events/s. */
async function runRaw(transport, source, view, count) {
  const online = new Redis(redisUrl);
  online.defineCommand('casWrite', { numberOfKeys: 1, lua: writeScript });
  const table = `raw_${view}`;
  await knex.raw(`create table ??.?? ("_seq" bigint generated always as identity primary key, "_msg_id" text not null unique, customer_id text, "_ts" double precision not null, spend double precision, orders integer, segment text, active boolean, "_ingested_at" double precision not null)`, [tag, table]);
  const started = performance.now();
  let received = 0;
  const write = async (batch) => {
    const newest = new Map();
    const values = [];
    const now = Date.now();
    for (const { id, data } of batch) {
      const e = JSON.parse(data);
      const key = `customer_id=${e.customer_id}`;
      if (!(newest.get(key)?.ts > e.ts)) newest.set(key, e);
      values.push(id, String(e.customer_id), e.ts, e.spend, e.orders, e.segment, e.active, now);
    }
    const p = online.pipeline();
    for (const [key, e] of newest) p.casWrite(`${tag}_r:${view}:{${key}}`, String(e.ts), String(now), 0, ...featureNames.flatMap((f) => [f, encodeFeature(e[f])]));
    await p.exec();
    await knex.transaction((trx) => trx.raw(`insert into ??.?? ("_msg_id", customer_id, "_ts", spend, orders, segment, active, "_ingested_at") values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict ("_msg_id") do nothing`, [tag, table, ...values]));
  };
  if (transport === 'redis') {
    await readRedisGroup(source, () => received >= count, async (batch) => {
      await write(batch);
      received += batch.length;
    });
  } else {
    const { stream, subject } = source.transport;
    await jsm.consumers.add(stream, { durable_name: 'raw', ack_policy: js.AckPolicy.Explicit, filter_subject: subject });
    const consumer = await jsc.consumers.get(stream, 'raw');
    while (received < count) {
      const batch = [];
      // At most 1 000 per pull: a consumer's default max_ack_pending, above which a pull waits out its expiry.
      const max = Math.min(batchSize, 1000, count - received);
      for await (const m of await consumer.fetch({ max_messages: max, expires: 1000 })) {
        batch.push(m);
        if (batch.length === max) break;
      }
      if (!batch.length) continue;
      await write(batch.map((m) => ({ id: `${stream}:${m.seq}`, data: m.string() })));
      for (const m of batch) m.ack();
      await nc.flush();
      received += batch.length;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  online.disconnect();
  return count / elapsed;
}

/** `ingest` while a child process publishes at `rate`/s for `seconds`; per-event freshness in ms. */
async function runFreshness(transport) {
  const name = `${tag}_fresh_${transport}`;
  const source = await makeStream(transport, name, 0);
  const samples = [];
  // Event time → the start of its online write: the time spent before our write (transport, queue, validation).
  const waits = [];
  let writes = 0;
  const wrap = (online) => ({
    start: () => online.start?.(),
    close: () => online.close?.(),
    read: (...a) => online.read(...a),
    deleteView: (v) => online.deleteView(v),
    async write(view, rows, options) {
      writes++;
      const start = Date.now();
      for (const r of rows) waits.push(start - r.eventTimestamp);
      await online.write(view, rows, options);
      const now = Date.now();
      for (const r of rows) samples.push(now - r.eventTimestamp);
    },
  });
  const producer = spawn(process.execPath, [join(import.meta.dirname, 'produce.mjs'), transport, transport === 'redis' ? redisUrl : natsUrl, transport === 'redis' ? name : `${name.toUpperCase()}.events`, String(rate), String(seconds)], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Ingestion stops once it has every event the stream holds when the producer is done (a publish
  // whose confirmation timed out under load may still be stored, so the stream is asked).
  const streamLength = () => (transport === 'redis' ? redis.xlen(name) : jsm.streams.info(name.toUpperCase()).then((i) => i.state.messages));
  const produced = new Promise((resolve) => producer.on('exit', resolve)).then(streamLength);
  // NATS: the most messages the consumer held unacknowledged (delivery pauses at max_ack_pending).
  let ackPendingMax = 0;
  let polling = transport === 'nats';
  const poll = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 100));
      const info = await jsm.consumers.info(name.toUpperCase(), 'ingest').catch(() => undefined);
      if (info) ackPendingMax = Math.max(ackPendingMax, info.num_ack_pending);
    }
  })();
  await runMlops(source, `fresh_${transport}`, produced, wrap);
  polling = false;
  await poll;
  const published = await produced;
  samples.sort((a, b) => a - b);
  waits.sort((a, b) => a - b);
  const q = (p, xs = samples) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { published, events: samples.length, achieved_events_per_s: Math.round(published / seconds), p50: q(0.5), p99: q(0.99), max: samples[samples.length - 1], before_write_p99: q(0.99, waits), events_per_write: +(samples.length / writes).toFixed(1), ...(transport === 'nats' ? { ack_pending_max: ackPendingMax } : {}) };
}

/**
 * The freshness baseline: a hand-written consumer of a stream fed at `rate`/s. `hop` only receives
 * (event time → the consumer holds the message: the transport's own floor); `raw` also does the
 * same reads and writes as the throughput loop (online script in a pipeline, then the offline
 * insert and the ack, one batch after the other), taking whatever has arrived as its batch.
 */
async function runRawFreshness(transport, mode) {
  const name = `${tag}_rawfresh_${mode}_${transport}`;
  const source = await makeStream(transport, name, 0);
  const view = `rawfresh_${mode}_${transport}`;
  const table = `raw_${view}`;
  const online = new Redis(redisUrl);
  online.defineCommand('casWrite', { numberOfKeys: 1, lua: writeScript });
  await knex.raw(`create table ??.?? ("_seq" bigint generated always as identity primary key, "_msg_id" text not null unique, customer_id text, "_ts" double precision not null, spend double precision, orders integer, segment text, active boolean, "_ingested_at" double precision not null)`, [tag, table]);
  const samples = [];
  const handle = async (batch) => {
    const rows = batch.map(({ id, data }) => ({ id, e: JSON.parse(data) }));
    if (mode === 'hop') {
      const now = Date.now();
      for (const { e } of rows) samples.push(now - e.ts);
      return;
    }
    const newest = new Map();
    const now = Date.now();
    for (const { e } of rows) {
      const key = `customer_id=${e.customer_id}`;
      if (!(newest.get(key)?.ts > e.ts)) newest.set(key, e);
    }
    const p = online.pipeline();
    for (const [key, e] of newest) p.casWrite(`${tag}_f:${view}:{${key}}`, String(e.ts), String(now), 0, ...featureNames.flatMap((f) => [f, encodeFeature(e[f])]));
    await p.exec();
    const done = Date.now();
    for (const { e } of rows) samples.push(done - e.ts);
    const values = rows.flatMap(({ id, e }) => [id, String(e.customer_id), e.ts, e.spend, e.orders, e.segment, e.active, now]);
    await knex.transaction((trx) => trx.raw(`insert into ??.?? ("_msg_id", customer_id, "_ts", spend, orders, segment, active, "_ingested_at") values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict ("_msg_id") do nothing`, [tag, table, ...values]));
  };
  const producer = spawn(process.execPath, [join(import.meta.dirname, 'produce.mjs'), transport, transport === 'redis' ? redisUrl : natsUrl, transport === 'redis' ? name : `${name.toUpperCase()}.events`, String(rate), String(seconds)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const streamLength = () => (transport === 'redis' ? redis.xlen(name) : jsm.streams.info(name.toUpperCase()).then((i) => i.state.messages));
  let target = Infinity;
  const produced = new Promise((resolve) => producer.on('exit', resolve)).then(streamLength).then((n) => (target = n));
  let received = 0;
  if (transport === 'redis') {
    await readRedisGroup(source, () => received >= target, async (batch) => {
      await handle(batch);
      received += batch.length;
    });
  } else {
    const { stream, subject } = source.transport;
    await jsm.consumers.add(stream, { durable_name: 'raw', ack_policy: js.AckPolicy.Explicit, filter_subject: subject, max_ack_pending: 4 * batchSize });
    const consumer = await jsc.consumers.get(stream, 'raw');
    const messages = await consumer.consume({ max_messages: batchSize });
    // What has arrived since the last batch; the loop below takes all of it at once.
    let buffered = [];
    let wake;
    (async () => {
      for await (const m of messages) {
        buffered.push(m);
        wake?.();
      }
    })();
    while (received < target) {
      if (!buffered.length) await Promise.race([new Promise((resolve) => (wake = resolve)), new Promise((resolve) => setTimeout(resolve, 200))]);
      wake = undefined;
      const batch = buffered.splice(0, batchSize);
      if (!batch.length) continue;
      await handle(batch.map((m) => ({ id: `${stream}:${m.seq}`, data: m.string() })));
      for (const m of batch) m.ack();
      await nc.flush();
      received += batch.length;
    }
    messages.stop();
  }
  await produced;
  online.disconnect();
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { events: samples.length, p50: q(0.5), p99: q(0.99), max: samples[samples.length - 1] };
}

try {
  console.log(JSON.stringify({ bench: 'stream', ...machine(), events, rounds, batchSize, rate, seconds, load: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)) }));
  for (const transport of transports) {
    const ratios = [];
    const mlopsRates = [];
    const rawRates = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['mlops', 'raw'] : ['raw', 'mlops'];
      for (const who of order) {
        const name = `${tag}_${transport}_${who}_${round}`;
        const source = await makeStream(transport, name, events);
        const eps = who === 'mlops' ? await runMlops(source, `v_${transport}_${round}`, events) : await runRaw(transport, source, `v_${transport}_${round}`, events);
        (who === 'mlops' ? mlopsRates : rawRates).push(eps);
      }
      ratios.push(mlopsRates[round] / rawRates[round]);
      console.log(JSON.stringify({ transport, round, mlops_events_per_s: Math.round(mlopsRates[round]), raw_events_per_s: Math.round(rawRates[round]), ratio: +ratios[round].toFixed(3) }));
    }
    console.log(JSON.stringify({ transport, median_mlops_events_per_s: Math.round(median(mlopsRates)), median_raw_events_per_s: Math.round(median(rawRates)), median_ratio: +median(ratios).toFixed(3) }));
    // Freshness of ours between the raw consumer's two baselines, measured back to back.
    // Each line's costs beside its freshness, for where the time goes.
    const none = {};
    const hop = freshnessLines.includes('hop') ? await withCosts(transport, () => runRawFreshness(transport, 'hop')) : none;
    const fresh = freshnessLines.includes('mlops') ? await withCosts(transport, () => runFreshness(transport)) : none;
    const raw = freshnessLines.includes('raw') ? await withCosts(transport, () => runRawFreshness(transport, 'raw')) : none;
    const prefixed = (prefix, o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}_${k}`, v]));
    console.log(JSON.stringify({ transport, freshness_at_events_per_s: rate, ...fresh, ...prefixed('raw', raw), ...prefixed('hop', hop), load: (await import('node:os')).loadavg()[0].toFixed(2) }));
  }
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  redis.disconnect();
  await nc.close();
  await knex.destroy();
}
