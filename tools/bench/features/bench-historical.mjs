#!/usr/bin/env node
// Historical retrieval (point-in-time join) of @mlops/feature-store vs pandas merge_asof, in one run
// on the same seeded data: `--rows` entity rows (customer id + event time) against `--features`
// feature rows (4 typed features) over `--entities` customers, TTL 1 day.
//
//   ours:   SQLite (the embedded default). Staging the source into the indexed staged table is timed
//           apart from the join itself (entity rows into a temp table in chunks, one correlated
//           index seek per row, results into typed columns), which is what every later call costs.
//   pandas: read_csv timed apart from sort + merge_asof(by, backward, tolerance) (Debian's pandas).
//
//   npx tsc -b plugins/feature-store && node tools/bench/features/bench-historical.mjs [--rows 1000000] [--features 5000000] [--entities 100000] [--repeats 3]
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, machine, median, numberOption, python, repoRoot, secondsSince } from '../lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rows = numberOption('rows', 1_000_000);
const featureRows = numberOption('features', 5_000_000);
const entities = numberOption('entities', 100_000);
const repeats = numberOption('repeats', 3);
const fs = loadBuilt('plugins/feature-store');
const { Frame, int32Column, timestampColumn } = loadBuilt('packages/frame');
const { sqliteKnexConfig } = loadBuilt('packages/sql-metadata');
const require = createRequire(join(repoRoot, 'plugins/feature-store/package.json'));
const knex = require('knex');

let state = 42;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const t0 = Date.UTC(2026, 0, 1);
const span = 90 * 86_400_000;
const ttl = 86_400_000;
const segments = ['gold', 'silver', 'bronze', 'none'];

const dir = mkdtempSync(join(tmpdir(), 'bench-features-'));
console.log(JSON.stringify({ machine: machine(), entityRows: rows, featureRows, entities, ttlMs: ttl, repeats }));

// Feature rows: streamed to a CSV (pandas and our file source read the same file), never all in memory as objects.
const csvPath = join(dir, 'features.csv');
await new Promise((resolve, reject) => {
  const out = createWriteStream(csvPath);
  out.on('error', reject);
  out.write('customer_id,ts,spend,orders,segment,active\n');
  let i = 0;
  const pump = () => {
    while (i < featureRows) {
      const line = `${Math.floor(rand() * entities)},${t0 + Math.floor(rand() * span)},${Math.round(rand() * 1e5) / 100},${Math.floor(rand() * 100)},${segments[Math.floor(rand() * 4)]},${rand() < 0.5}\n`;
      i++;
      if (!out.write(line)) return void out.once('drain', pump);
    }
    out.end(resolve);
  };
  pump();
});
const ids = new Int32Array(rows);
const times = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  ids[i] = Math.floor(rand() * entities);
  times[i] = t0 + Math.floor(rand() * (span + ttl));
}
const entityCsv = createWriteStream(join(dir, 'entities.csv'));
entityCsv.write('customer_id,event_timestamp\n');
for (let i = 0; i < rows; i += 10000) {
  let chunk = '';
  for (let j = i; j < Math.min(rows, i + 10000); j++) chunk += `${ids[j]},${times[j]}\n`;
  entityCsv.write(chunk);
}
await new Promise((resolve) => entityCsv.end(resolve));
const frame = Frame.fromColumns({ customer_id: int32Column(ids), event_timestamp: timestampColumn(times) });

const customer = fs.entity({ name: 'customer', joinKeys: ['customer_id'] });
const view = fs.featureView({
  name: 'stats',
  entities: [customer],
  source: fs.fileSource({ path: 'features.csv', format: 'csv', timestampColumn: 'ts' }),
  ttl,
  features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' },
});
const db = knex(sqliteKnexConfig(join(dir, 'offline.sqlite')));
const store = new fs.SqlFeatureStore({
  definitions: [fs.featureService({ name: 'training', features: [view] })],
  registry: { knex: db, schema: undefined, dialect: 'sqlite' },
  online: { write: async () => {}, read: async (_v, keys) => keys.map(() => null), deleteView: async () => {} },
  projectRoot: dir,
});
await store.start();

let t = process.hrtime.bigint();
await store.getHistoricalFeatures(frame.slice(0, 1), 'training'); // stages the source once
const stagingSeconds = secondsSince(t);
const joinSeconds = [];
let matched = 0;
for (let r = 0; r < repeats; r++) {
  t = process.hrtime.bigint();
  const out = await store.getHistoricalFeatures(frame, 'training');
  joinSeconds.push(secondsSince(t));
  const spend = out.column('spend');
  matched = spend.nulls ? spend.nulls.reduce((a, n) => a + (1 - n), 0) : out.rowCount;
}
await store.close();
await db.destroy();

const pandasOut = execFileSync(python, [join(here, 'bench-historical.py'), dir, String(ttl), String(repeats)], { encoding: 'utf8' });
const pandas = JSON.parse(pandasOut.trim().split('\n').at(-1));
const ours = { stagingSeconds, joinSecondsMedian: median(joinSeconds), joinSeconds, rowsWithValues: matched };
console.log(JSON.stringify({ ours, pandas }));
console.log(
  `historical retrieval, ${rows} entity rows × ${featureRows} feature rows: ours (SQLite) join ${ours.joinSecondsMedian.toFixed(2)} s median (+ ${stagingSeconds.toFixed(1)} s one-time staging of the CSV); ` +
    `pandas merge_asof ${pandas.mergeSecondsMedian.toFixed(2)} s median (+ ${pandas.readSeconds.toFixed(1)} s read_csv); ` +
    `ratio ours/pandas: join ${(ours.joinSecondsMedian / pandas.mergeSecondsMedian).toFixed(2)}×, first call incl. loading ${((ours.joinSecondsMedian + stagingSeconds) / (pandas.mergeSecondsMedian + pandas.readSeconds)).toFixed(2)}×; ` +
    `rows with values: ours ${matched}, pandas ${pandas.rowsWithValues}`,
);
rmSync(dir, { recursive: true, force: true });
