#!/usr/bin/env node
// Cross-check of @mlops/feature-store's point-in-time join against pandas `merge_asof(by=entity,
// direction='backward', tolerance=ttl)` on the same random data: many entities, timestamps on a
// coarse grid (so ties are frequent: the later row of the file wins in both), entity rows placed
// exactly on feature times and exactly at the TTL bound, unknown entities, nulls in every feature.
// Two views: one with a TTL (tolerance), one without. Every value of every row must be equal, with
// each offline engine (`sql` on SQLite, `duckdb`).
//
//   npx tsc -b plugins/feature-store && node tools/crosscheck/features/crosscheck-features.mjs [--rows 20000] [--seed 1] [--engines sql,duckdb]
//
// Prints one PASS/FAIL line per engine and view and exits non-zero on any mismatch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadBuilt, numberOption, python, repoRoot } from '../../bench/lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const entityRowCount = numberOption('rows', 20000);
const seed = numberOption('seed', 1);
const engines = (process.argv.includes('--engines') ? process.argv[process.argv.indexOf('--engines') + 1] : 'sql,duckdb').split(',');
const fs = loadBuilt('plugins/feature-store');
const { Frame, columnValue } = loadBuilt('packages/frame');
const { sqliteKnexConfig } = loadBuilt('packages/sql-metadata');
const knex = createRequire(join(repoRoot, 'plugins/feature-store/package.json'))('knex');

// mulberry32: the same data on every run for a seed.
let state = seed >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(rand() * n);
const maybe = (v) => (rand() < 0.1 ? null : v);

const entities = 500;
const ttl = 3_600_000; // 1 h
const grid = 600_000; // feature times on 10-minute marks: about 8% of rows share (entity, time) with another
const t0 = Date.UTC(2026, 0, 1);
const span = 7 * 86_400_000;
const features = Array.from({ length: entityRowCount * 2 }, () => ({
  customer_id: int(entities),
  ts: t0 + int(span / grid) * grid,
  spend: maybe(Math.round(rand() * 100000) / 100),
  orders: maybe(int(100)),
  segment: maybe(['gold', 'silver', 'bronze', 'none'][int(4)]),
  active: maybe(rand() < 0.5),
}));
const entityRows = Array.from({ length: entityRowCount }, () => {
  const f = features[int(features.length)];
  const kind = int(5);
  const ts = kind === 0 ? f.ts : kind === 1 ? f.ts + ttl : kind === 2 ? f.ts + ttl + 1 : t0 + int(span + ttl);
  const id = kind < 3 ? f.customer_id : rand() < 0.05 ? entities + int(50) : int(entities);
  return { customer_id: id, event_timestamp: ts };
});

const seen = new Map();
for (const f of features) seen.set(`${f.customer_id}|${f.ts}`, (seen.get(`${f.customer_id}|${f.ts}`) ?? 0) + 1);
const tied = [...seen.values()].filter((n) => n > 1).reduce((a, n) => a + n, 0);
console.log(`${tied} of ${features.length} feature rows share their (entity, time) with another row`);

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-features-'));
const csv = (rows, cols) => `${cols.join(',')}\n${rows.map((r) => cols.map((c) => (r[c] === null ? '' : String(r[c]))).join(',')).join('\n')}\n`;
writeFileSync(join(dir, 'features.csv'), csv(features, ['customer_id', 'ts', 'spend', 'orders', 'segment', 'active']));
writeFileSync(join(dir, 'entities.csv'), csv(entityRows, ['customer_id', 'event_timestamp']));

const customer = fs.entity({ name: 'customer', joinKeys: ['customer_id'] });
const source = fs.fileSource({ path: 'features.csv', format: 'csv', timestampColumn: 'ts' });
const recent = fs.featureView({ name: 'recent', entities: [customer], source, ttl, features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' } });
const ever = fs.featureView({ name: 'ever', entities: [customer], source, features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' } });
const frame = Frame.fromRows(entityRows, { customer_id: 'int32', event_timestamp: 'timestamp' });
const ours = {};
for (const engine of engines) {
  const db = knex(sqliteKnexConfig(join(dir, `offline-${engine}.sqlite`)));
  const store = new fs.SqlFeatureStore({
    definitions: [fs.featureService({ name: 'recent', features: [recent] }), fs.featureService({ name: 'ever', features: [ever] })],
    registry: { knex: db, schema: undefined, dialect: 'sqlite' },
    online: { write: async () => {}, read: async (v, keys) => keys.map(() => null), deleteView: async () => {} },
    projectRoot: dir,
    offlineEngine: engine,
  });
  await store.start();
  ours[engine] = {};
  for (const service of ['recent', 'ever']) {
    const out = await store.getHistoricalFeatures(frame, service);
    ours[engine][service] = Object.fromEntries(['spend', 'orders', 'segment', 'active'].map((c) => [c, Array.from({ length: out.rowCount }, (_, i) => columnValue(out.column(c), i))]));
  }
  await store.close();
  await db.destroy();
}

execFileSync(python, [join(here, 'crosscheck-features.py'), dir, String(ttl)], { stdio: ['ignore', 'inherit', 'inherit'] });
const pandas = JSON.parse(readFileSync(join(dir, 'pandas.json'), 'utf8'));
let failed = 0;
for (const engine of engines) {
  for (const service of ['recent', 'ever']) {
    const got = ours[engine][service];
    const mismatches = [];
    for (const column of Object.keys(got)) {
      got[column].forEach((v, i) => {
        if (v !== pandas[service][column][i]) mismatches.push(`row ${i} ${column}: ours ${v}, pandas ${pandas[service][column][i]}`);
      });
    }
    const nulls = got.segment.filter((v) => v === null).length;
    const label = `engine ${engine}, ${service} (${service === 'recent' ? 'tolerance 1 h' : 'no tolerance'}): ${entityRowCount} entity rows × 4 features vs ${features.length} feature rows, ${nulls} null segments`;
    if (mismatches.length) {
      failed++;
      console.log(`FAIL ${label}: ${mismatches.length} mismatches, e.g.\n  ${mismatches.slice(0, 5).join('\n  ')}`);
    } else console.log(`PASS ${label}: every value equals pandas merge_asof`);
  }
}
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
