#!/usr/bin/env node
// One engine's side of bench-historical.mjs, in its own process so its peak RSS is its own:
//   node bench-historical-engine.mjs DIR ENGINE(sql|duckdb) TTL_MS
// Reads DIR/entities.bin (int32 ids, then float64 times), stages DIR/features.csv as a file source
// and prints {"ready", stagingSeconds}. Then, per line on stdin: `join` times one point-in-time join
// of all entity rows and prints {"seconds", rowsWithValues}; `quit` prints {peakRssMb} and exits.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadBuilt, repoRoot, secondsSince } from '../lib/common.mjs';

const [dir, engine, ttlText] = process.argv.slice(2);
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
  ttl: Number(ttlText),
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
console.log(JSON.stringify({ ready: true, stagingSeconds: secondsSince(t) }));

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'join') {
    t = process.hrtime.bigint();
    const out = await store.getHistoricalFeatures(frame, 'training');
    const seconds = secondsSince(t);
    const spend = out.column('spend');
    const rowsWithValues = spend.nulls ? spend.nulls.reduce((a, n) => a + (1 - n), 0) : out.rowCount;
    console.log(JSON.stringify({ seconds, rowsWithValues }));
  } else if (line === 'quit') break;
}
await store.close();
await db.destroy();
// maxRSS is in KiB: the process's peak, staging included.
console.log(JSON.stringify({ peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 }));
// stdin stays referenced after the loop: leave explicitly.
process.exit(0);
