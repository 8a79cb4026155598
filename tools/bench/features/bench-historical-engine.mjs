#!/usr/bin/env node
// One engine's side of bench-historical.mjs, in its own process so its peak RSS is its own:
//   node bench-historical-engine.mjs DIR ENGINE(sql|duckdb) TTL_MS REPEATS
// Reads DIR/entities.bin (int32 ids, then float64 times), stages DIR/features.csv as a file source,
// then times the point-in-time join REPEATS times. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBuilt, median, repoRoot, secondsSince } from '../lib/common.mjs';

const [dir, engine, ttlText, repeatsText] = process.argv.slice(2);
const ttl = Number(ttlText);
const repeats = Number(repeatsText);
const fs = loadBuilt('plugins/feature-store');
const { Frame, int32Column, timestampColumn } = loadBuilt('packages/frame');
const { sqliteKnexConfig } = loadBuilt('packages/sql-metadata');
const knex = createRequire(join(repoRoot, 'plugins/feature-store/package.json'))('knex');

const bytes = readFileSync(join(dir, 'entities.bin'));
const rows = bytes.byteLength / 12;
const ids = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + rows * 4));
const times = new Float64Array(bytes.buffer.slice(bytes.byteOffset + rows * 4, bytes.byteOffset + rows * 12));
const frame = Frame.fromColumns({ customer_id: int32Column(ids), event_timestamp: timestampColumn(times) });

const customer = fs.entity({ name: 'customer', joinKeys: ['customer_id'] });
const view = fs.featureView({
  name: 'stats',
  entities: [customer],
  source: fs.fileSource({ path: 'features.csv', format: 'csv', timestampColumn: 'ts' }),
  ttl,
  features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' },
});
const db = knex(sqliteKnexConfig(join(dir, `offline-${engine}.sqlite`)));
const store = new fs.SqlFeatureStore({
  definitions: [fs.featureService({ name: 'training', features: [view] })],
  registry: { knex: db, schema: undefined, dialect: 'sqlite' },
  online: { write: async () => {}, read: async (_v, keys) => keys.map(() => null), deleteView: async () => {} },
  projectRoot: dir,
  offlineEngine: engine,
});
await store.start();

let t = process.hrtime.bigint();
await store.stageSources();
const stagingSeconds = secondsSince(t);
const rssAfterStaging = process.memoryUsage().rss;
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
// maxRSS is in KiB: the process's peak, staging included.
const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
console.log(JSON.stringify({ engine, stagingSeconds, joinSecondsMedian: median(joinSeconds), joinSeconds, rowsWithValues: matched, peakRssMb, rssAfterStagingMb: rssAfterStaging / 1e6 }));
