#!/usr/bin/env node
// /predict throughput with the prediction log on vs off: two `mlops serve` processes on the same
// ONNX model and the same SQLite metadata store plugin (separate files), one whose config adds
// `monitor: '@mlops/monitor'` (every served row written to monitor_predictions). wrk at 64 and at 1
// connection, targets interleaved (order alternating per round), `--runs` rounds; ratios of medians
// (log on / off; goal ≥ 0.9). After the rounds the logging server is stopped (SIGTERM: the log
// flushes what is queued) and its table is counted against the rows wrk saw answered.
//   npx tsc -b tsconfig.build.json
//   node tools/bench/monitor/bench-prediction-log.mjs [--runs 3] [--duration 5] [--connections 64] [--body-rows 1] [--batch-rows N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot } from '../lib/common.mjs';
import { prepareServedModel, runWrk, startServe, waitReady } from '../lib/serveBench.mjs';

const runs = numberOption('runs', 3);
const duration = numberOption('duration', 5);
const connections = numberOption('connections', 64);
const bodyRows = numberOption('body-rows', 1);
// --batch-rows N sets the monitor's batchRows (rows per flush, i.e. per transaction and per fsync on SQLite).
const batchRows = numberOption('batch-rows', 0);

loadBuilt('plugins/monitor'); // fails early, with the build hint, when the plugin is not built

/** The served model, wrk's body, and two configs on separate SQLite files: the log off and on. */
async function prepare(dir) {
  const body = await prepareServedModel(dir, { bodyRows });
  const base = (db) => `modelRuntime: '@mlops/runtime-onnx', server: '@mlops/server', metadataStore: { use: '@mlops/storage-local', options: { path: ${JSON.stringify(join(dir, db))} } }`;
  writeFileSync(join(dir, 'off.config.ts'), `export default { logLevel: 'warn', plugins: { ${base('off.sqlite')} } };\n`);
  writeFileSync(join(dir, 'on.config.ts'), `export default { logLevel: 'info', plugins: { ${base('on.sqlite')}, monitor: ${batchRows ? `{ use: '@mlops/monitor', options: { batchRows: ${batchRows}, maxBufferedRows: ${Math.max(100_000, batchRows)} } }` : `'@mlops/monitor'`} } };\n`);
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
        const m = runWrk(t.port, dir, conns, duration);
        results[t.name][conns].push(m);
        if (t.name === 'log on') answered += m.requests;
        console.error(`run ${r + 1}/${runs} c=${conns} ${t.name}: ${m.rps.toFixed(0)} req/s${m.errors ? `, ${m.errors} errors` : ''}`);
      }
    }
    load.push(loadavg()[0]);
  }
  const med = (name, c) => median(results[name][c].map((m) => m.rps));
  const medians = Object.fromEntries(targets.map((t) => [t.name, { [`c${connections}`]: med(t.name, connections), c1: med(t.name, 1) }]));
  const ratios = { [`c${connections}`]: medians['log on'][`c${connections}`] / medians['log off'][`c${connections}`], c1: medians['log on'].c1 / medians['log off'].c1 };
  // Stop the logging server: close() flushes what is queued; then every answered row must be in the table.
  process.kill(-targets[1].child.pid, 'SIGTERM');
  await new Promise((r) => targets[1].child.on('exit', r));
  const Database = createRequire(join(repoRoot, 'package.json'))('better-sqlite3');
  const db = new Database(join(dir, 'on.sqlite'), { readonly: true });
  const logged = db.prepare('select sum(row_count) as n from monitor_predictions').get().n;
  db.close();
  const warnings = targets[1].log().split('\n').filter((l) => /monitor|predictionsServed/.test(l));
  console.log(JSON.stringify({ machine: machine(), loadAverage1m: load.map((l) => Number(l.toFixed(1))), runs, durationSeconds: duration, connections, bodyRows, batchRows: batchRows || 'default', medians, ratios, log: { rowsLogged: logged, rowsAnsweredToWrk: answered * bodyRows, warnings } }, null, 2));
} finally {
  for (const t of targets) {
    try {
      process.kill(-t.child.pid, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dir, { recursive: true, force: true });
}
