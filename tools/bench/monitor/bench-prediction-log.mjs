#!/usr/bin/env node
// /predict throughput with the prediction log on vs off: two `mlops serve` processes on the same
// ONNX model and the same SQLite metadata store plugin (separate files), one whose config adds
// `monitor: '@mlops/monitor'` (every served row written to monitor_predictions). wrk at 64 and at 1
// connection, targets interleaved (order alternating per round), `--runs` rounds; ratios of medians
// (log on / off; goal ≥ 0.9), the per-round pair ratios, and server CPU per request (all threads, from
// /proc; off / on is the ratio a server with a core to itself would see). After the rounds the logging server is stopped (SIGTERM: the log
// flushes what is queued) and its table is counted against the rows wrk saw answered.
//   npx tsc -b tsconfig.build.json
//   node tools/bench/monitor/bench-prediction-log.mjs [--runs 3] [--duration 5] [--connections 64] [--body-rows 1] [--batch-rows N] [--store sqlite|postgres]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot } from '../lib/common.mjs';
import { groupCpuSeconds, prepareServedModel, runWrk, startServe, waitReady } from '../lib/serveBench.mjs';

const runs = numberOption('runs', 3);
const duration = numberOption('duration', 5);
const connections = numberOption('connections', 64);
const bodyRows = numberOption('body-rows', 1);
// --batch-rows N sets the monitor's batchRows (rows per flush, i.e. per transaction and per fsync on SQLite).
const batchRows = numberOption('batch-rows', 0);
// --store postgres: both servers on @mlops/storage-postgres (127.0.0.1:5432, db test), a schema each, dropped afterwards.
const store = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : 'sqlite';
if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store: expected sqlite or postgres, found ${store}`);
const pgUrl = process.env.MLOPS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgSchemas = [`bench_predlog_off_${process.pid}`, `bench_predlog_on_${process.pid}`];

loadBuilt('plugins/monitor'); // fails early, with the build hint, when the plugin is not built

/** The served model, wrk's body, and two configs on separate SQLite files: the log off and on. */
async function prepare(dir) {
  const body = await prepareServedModel(dir, { bodyRows });
  const metadataStore = (db, schema) =>
    store === 'postgres' ? `{ use: '@mlops/storage-postgres', options: { connection: ${JSON.stringify(pgUrl)}, schema: '${schema}' } }` : `{ use: '@mlops/storage-local', options: { path: ${JSON.stringify(join(dir, db))} } }`;
  const base = (db, schema) => `modelRuntime: '@mlops/runtime-onnx', server: '@mlops/server', metadataStore: ${metadataStore(db, schema)}`;
  writeFileSync(join(dir, 'off.config.ts'), `export default { logLevel: 'warn', plugins: { ${base('off.sqlite', pgSchemas[0])} } };\n`);
  writeFileSync(join(dir, 'on.config.ts'), `export default { logLevel: 'info', plugins: { ${base('on.sqlite', pgSchemas[1])}, monitor: ${batchRows ? `{ use: '@mlops/monitor', options: { batchRows: ${batchRows}, maxBufferedRows: ${Math.max(100_000, batchRows)} } }` : `'@mlops/monitor'`} } };\n`);
  return body;
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-predlog-'));
const targets = [];
try {
  const body = await prepare(dir);
  targets.push(startServe('log off', 18431, 'off.config.ts', dir), startServe('log on', 18432, 'on.config.ts', dir));
  for (const t of targets) await waitReady(t, body);
  const load = [loadavg()[0]];
  const results = Object.fromEntries(targets.map((t) => [t.name, { [connections]: [], 1: [] }]));
  let answered = 1; // the readiness probe
  for (let r = 0; r < runs; r++) {
    for (const conns of [connections, 1]) {
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const cpu0 = groupCpuSeconds(t.child.pid);
        const m = runWrk(t.port, dir, conns, duration);
        // Server CPU (all its threads, the log's writer included) per answered request, in µs.
        m.cpuUsPerRequest = ((groupCpuSeconds(t.child.pid) - cpu0) / m.requests) * 1e6;
        results[t.name][conns].push(m);
        if (t.name === 'log on') answered += m.requests;
        console.error(`run ${r + 1}/${runs} c=${conns} ${t.name}: ${m.rps.toFixed(0)} req/s, ${m.cpuUsPerRequest.toFixed(1)} µs CPU/request${m.errors ? `, ${m.errors} errors` : ''}`);
      }
    }
    load.push(loadavg()[0]);
  }
  const med = (name, c) => median(results[name][c].map((m) => m.rps));
  const medians = Object.fromEntries(targets.map((t) => [t.name, { [`c${connections}`]: med(t.name, connections), c1: med(t.name, 1) }]));
  const cpuMed = (name, c) => median(results[name][c].map((m) => m.cpuUsPerRequest));
  const cpuUsPerRequest = Object.fromEntries(targets.map((t) => [t.name, { [`c${connections}`]: cpuMed(t.name, connections), c1: cpuMed(t.name, 1) }]));
  // Per round, on/off of req/s in that round's adjacent pair of runs (the same machine state, roughly).
  const pairRatios = Object.fromEntries([connections, 1].map((c) => [`c${c}`, results['log on'][c].map((m, i) => Number((m.rps / results['log off'][c][i].rps).toFixed(3)))]));
  const ratios = { [`c${connections}`]: medians['log on'][`c${connections}`] / medians['log off'][`c${connections}`], c1: medians['log on'].c1 / medians['log off'].c1 };
  // CPU per request, off / on: the throughput ratio a server with a core of its own would see.
  const cpuRatios = { [`c${connections}`]: cpuUsPerRequest['log off'][`c${connections}`] / cpuUsPerRequest['log on'][`c${connections}`], c1: cpuUsPerRequest['log off'].c1 / cpuUsPerRequest['log on'].c1 };
  // Stop the logging server: close() flushes what is queued; then every answered row must be in the table.
  process.kill(-targets[1].child.pid, 'SIGTERM');
  await new Promise((r) => targets[1].child.on('exit', r));
  const logged = await countLogged();
  const warnings = targets[1].log().split('\n').filter((l) => /monitor|predictionsServed/.test(l));
  console.log(JSON.stringify({ store, machine: machine(), loadAverage1m: load.map((l) => Number(l.toFixed(1))), runs, durationSeconds: duration, connections, bodyRows, batchRows: batchRows || 'default', medians, ratios, pairRatios, cpuUsPerRequest, cpuRatios, log: { rowsLogged: logged, rowsAnsweredToWrk: answered * bodyRows, warnings } }, null, 2));
} finally {
  for (const t of targets) {
    try {
      process.kill(-t.child.pid, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dir, { recursive: true, force: true });
  if (store === 'postgres') await postgres((knex) => Promise.all(pgSchemas.map((schema) => knex.raw('drop schema if exists ?? cascade', [schema]))));
}

/** Rows in the logging server's monitor_predictions. */
async function countLogged() {
  if (store === 'postgres') return postgres(async (knex) => Number((await knex(`${pgSchemas[1]}.monitor_predictions`).sum({ n: 'row_count' }))[0].n));
  const Database = createRequire(join(repoRoot, 'package.json'))('better-sqlite3');
  const db = new Database(join(dir, 'on.sqlite'), { readonly: true });
  const n = db.prepare('select sum(row_count) as n from monitor_predictions').get().n;
  db.close();
  return n;
}

async function postgres(use) {
  const knex = createRequire(join(repoRoot, 'package.json'))('knex')({ client: 'pg', connection: pgUrl });
  try {
    return await use(knex);
  } finally {
    await knex.destroy();
  }
}
