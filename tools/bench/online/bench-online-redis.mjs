#!/usr/bin/env node
// Online reads of 100 entities × 20 features against a hand-written ioredis pipeline sending the
// same HMGETs (no decoding), in one run, rounds interleaved so all see the same machine load:
//   store_read          RedisOnlineStore.read (@mlops/online-store-redis)
//   get_online_features SqlFeatureStore.getOnlineFeatures over that store (@mlops/feature-store:
//                       entity keys, TTL/freshness, typed columns, metrics); skipped if not built
//   raw_pipeline        the baseline
// Reports calls/s, per-call p50/p99 and the ratios to raw (goal ≥ 0.8×), with one call in flight
// and with `--concurrency` calls in flight. Needs Redis at $REDIS_URL (default
// redis://127.0.0.1:6379) and `npx tsc -b plugins/online-store-redis plugins/feature-store`.
// Options: --entities 10000 --rounds 15 --seconds 0.5 --concurrency 8 (short rounds, order alternating,
// so load from other processes on a shared machine hits every line alike; the median round counts)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot } from '../lib/common.mjs';

const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const entities = numberOption('entities', 10_000);
const rounds = numberOption('rounds', 15);
const seconds = numberOption('seconds', 0.5);
const concurrency = numberOption('concurrency', 8);
// --per-call 1 --features 50: the single-entity case, against one HMGET (no pipeline).
const perCall = numberOption('per-call', 100);
const featureCount = numberOption('features', 20);

const { RedisOnlineStore, redisOnlineStoreOptions } = loadBuilt('plugins/online-store-redis');
const Redis = createRequire(join(repoRoot, 'plugins/online-store-redis/package.json'))('ioredis');

const cleanups = [];
const prefix = `mlops_bench_${randomBytes(4).toString('hex')}`;
const view = 'driver_stats';
const features = Array.from({ length: featureCount }, (_, f) => `f${f}`);
const store = new RedisOnlineStore(redisOnlineStoreOptions.parse({ url, keyPrefix: prefix }));
const raw = new Redis(url);

/** Features per entity: 70% doubles, 20% strings, 10% booleans, as a real view would hold. */
const kindOf = (j) => (j < Math.round(featureCount * 0.7) ? 'float' : j < Math.round(featureCount * 0.9) ? 'string' : 'bool');
function valuesOf(i) {
  return Object.fromEntries(features.map((f, j) => [f, kindOf(j) === 'float' ? i * 0.37 + j : kindOf(j) === 'string' ? `cat_${(i + j) % 50}` : (i + j) % 2 === 0]));
}

/** The entity keys of call number `n`: a sliding window, so calls touch different keys. */
function keysOf(n) {
  const start = (n * 37) % (entities - perCall);
  return Array.from({ length: perCall }, (_, k) => `driver_id=${start + k}`);
}

const fields = [...features, '@event_ts', '@written_at'];
const modes = {
  store_read: (keys) => store.read(view, keys, features),
  ...(await featureStoreMode()),
  raw_pipeline: (keys) => {
    if (keys.length === 1) return raw.hmget(`${prefix}:${view}:{${keys[0]}}`, ...fields).then((r) => [[null, r]]);
    const pipeline = raw.pipeline();
    for (const key of keys) pipeline.hmget(`${prefix}:${view}:{${key}}`, ...fields);
    return pipeline.exec();
  },
};

/**
 * `getOnlineFeatures` of a feature service over one view of the 20 features, through the same
 * Redis store; its registry is a throwaway SQLite file. Returns no mode if the package is not built.
 */
async function featureStoreMode() {
  let fs;
  try {
    fs = loadBuilt('plugins/feature-store');
  } catch (error) {
    console.log(`skipping getOnlineFeatures: ${error.message}`);
    return {};
  }
  const { sqliteKnexConfig } = loadBuilt('packages/sql-metadata');
  const knex = createRequire(join(repoRoot, 'plugins/feature-store/package.json'))('knex');
  const dir = mkdtempSync(join(tmpdir(), 'bench-online-'));
  const db = knex(sqliteKnexConfig(join(dir, 'registry.sqlite')));
  const driver = fs.entity({ name: 'driver', joinKeys: ['driver_id'] });
  const types = Object.fromEntries(features.map((f, j) => [f, kindOf(j)]));
  const stats = fs.featureView({ name: view, entities: [driver], source: fs.fileSource({ path: 'unused.csv', format: 'csv', timestampColumn: 'ts' }), ttl: 100 * 365 * 86_400_000, features: types });
  const featureStore = new fs.SqlFeatureStore({
    definitions: [fs.featureService({ name: 'serving', features: [stats] })],
    registry: { knex: db, schema: undefined, dialect: 'sqlite' },
    online: store,
    manageOnline: false,
    projectRoot: dir,
  });
  await featureStore.start();
  // Serving reads the applied definitions: measure that path.
  await featureStore.apply();
  cleanups.push(async () => {
    await featureStore.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  if (fs.entityKeyOf(['driver_id'], [7]) !== 'driver_id=7') throw new Error('the feature store builds entity keys differently from this benchmark');
  const entitiesOf = (keys) => keys.map((k) => ({ driver_id: Number(k.slice('driver_id='.length)) }));
  return { get_online_features: (keys) => featureStore.getOnlineFeatures({ featureService: 'serving', entities: entitiesOf(keys) }) };
}

/** Runs `fn` for `seconds` with `inFlight` callers; returns calls/s, client CPU ms per call and per-call latencies (ms). */
async function measure(fn, inFlight) {
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  let calls = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const keys = keysOf(calls++);
        const t = performance.now();
        await fn(keys);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { callsPerSec: calls / ((performance.now() - started) / 1000), cpuMsPerCall: (used.user + used.system) / 1000 / calls, latencies };
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function main() {
  await store.start();
  for (let at = 0; at < entities; at += 1000) {
    await store.write(view, Array.from({ length: Math.min(1000, entities - at) }, (_, k) => ({ entityKey: `driver_id=${at + k}`, eventTimestamp: 1_750_000_000_000 + at + k, values: valuesOf(at + k) })));
  }
  // Same answer from both before timing anything.
  const [fromStore, fromRaw] = [await modes.store_read(keysOf(3)), await modes.raw_pipeline(keysOf(3))];
  if (fromStore.length !== perCall || fromStore.some((r, k) => r === null || Number(fromRaw[k][1][featureCount]) !== r.eventTimestamp)) throw new Error('store read and raw pipeline disagree');
  if (modes.get_online_features) {
    const served = await modes.get_online_features(keysOf(3));
    if (served.status.f0.some((s) => s !== 'present') || served.values.f0.some((v, k) => v !== fromStore[k].values.f0)) throw new Error('getOnlineFeatures and store read disagree');
  }

  const out = { bench: perCall === 1 ? 'online-redis (one entity, one HMGET baseline)' : 'online-redis', machine: machine(), url: url.replace(/\/\/[^@]*@/, '//'), entities, perCall, features: featureCount, seconds, rounds, results: {} };
  for (const inFlight of [1, concurrency]) {
    const names = Object.keys(modes);
    const samples = Object.fromEntries(names.map((m) => [m, { rates: [], cpu: [], latencies: [] }]));
    for (const m of names) await measure(modes[m], inFlight); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const m of r % 2 ? [...names].reverse() : names) {
        const { callsPerSec, cpuMsPerCall, latencies } = await measure(modes[m], inFlight);
        samples[m].rates.push(callsPerSec);
        samples[m].cpu.push(cpuMsPerCall);
        samples[m].latencies.push(...latencies);
      }
    }
    const summary = Object.fromEntries(
      Object.entries(samples).map(([m, s]) => [
        m,
        { callsPerSec: Math.round(median(s.rates)), clientCpuMsPerCall: +median(s.cpu).toFixed(3), p50Ms: +quantile(s.latencies, 0.5).toFixed(3), p99Ms: +quantile(s.latencies, 0.99).toFixed(3) },
      ]),
    );
    // Paired per round (both lines measured back to back), then the median: drift in the machine's load cancels out.
    const raw = samples.raw_pipeline;
    const ratios = Object.fromEntries(
      names
        .filter((m) => m !== 'raw_pipeline')
        .map((m) => [m, { throughput: +median(samples[m].rates.map((x, r) => x / raw.rates[r])).toFixed(2), clientCpu: +median(samples[m].cpu.map((x, r) => raw.cpu[r] / x)).toFixed(2) }]),
    );
    out.results[`inFlight_${inFlight}`] = { ...summary, ratiosToRaw: ratios };
    for (const [m, s] of Object.entries(summary)) {
      console.log(`${m.padEnd(19)} in flight ${String(inFlight).padStart(2)}: ${s.callsPerSec} calls/s (${s.callsPerSec * perCall} entity rows/s), p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, client CPU ${s.clientCpuMsPerCall} ms/call`);
    }
    for (const [m, r] of Object.entries(ratios)) {
      console.log(`ratio ${m}/raw_pipeline (in flight ${inFlight}): throughput ${r.throughput}×, by client CPU per call ${r.clientCpu}× (goal ≥ 0.8×; medians of ${rounds} paired rounds of ${seconds} s)`);
    }
  }
  console.log(JSON.stringify(out, null, 2));
}

try {
  await main();
} finally {
  await store.deleteView(view).catch(() => {});
  for (const cleanup of cleanups) await cleanup();
  await store.close();
  raw.disconnect();
}
