#!/usr/bin/env node
// /predict throughput with the prediction log on vs off: two `mlops serve` processes on the same
// ONNX model and the same SQLite metadata store plugin (separate files), one whose config adds
// `monitor: '@mlops/monitor'` (every served row written to monitor_predictions). wrk at 64 and at 1
// connection, targets interleaved (order alternating per round), `--runs` rounds; ratios of medians
// (log on / off; goal ≥ 0.9), the per-round pair ratios, and server CPU per request (all threads, from
// /proc; off / on is the ratio a server with a core to itself would see). After the rounds the logging server is stopped (SIGTERM: the log
// flushes what is queued) and its table is counted against the rows wrk saw answered.
//   npx tsc -b tsconfig.build.json
//   node tools/bench/monitor/bench-prediction-log.mjs [--runs 3] [--duration 5] [--connections 64] [--single 1] [--body-rows 1] [--batch-rows N] [--store sqlite|postgres]
//        [--warmup 2] [--fresh-every 5] [--flush-ms N] [--pin] [--gc 1]
// --single 0 skips the 1-connection rounds (more 64-connection pairs in the same time).
// --warmup S: each server answers wrk for S seconds (not measured) after every start.
// --fresh-every N: both servers are restarted every N rounds (0: never), so rounds start from a
//   young heap: a mark-compact's state (old space grown by promotion) slowed whichever server it hit.
// --flush-ms N: the monitor's flushIntervalMs. --pin: servers on CPU 1, wrk on CPU 0 (taskset).
// --gc 1 (default): the servers run with --trace-gc-nvp; per round, of the server's main thread:
//   scavenges per 1,000 requests, mark-compacts, GC pause µs per request, KB promoted to old space
//   per scavenge; and the worker threads' GC pause µs per request.
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
const levels = numberOption('single', 1) ? [connections, 1] : [connections];
// --batch-rows N sets the monitor's batchRows (rows per flush, i.e. per transaction and per fsync on SQLite).
const batchRows = numberOption('batch-rows', 0);
const warmup = numberOption('warmup', 2);
const freshEvery = numberOption('fresh-every', 5);
const flushMs = numberOption('flush-ms', 0);
const pin = process.argv.includes('--pin');
const traceGc = numberOption('gc', 1) === 1;
const [serverCpus, wrkCpus] = pin ? ['1', '0'] : [undefined, undefined];
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
  const monitorOptions = { ...(batchRows ? { batchRows, maxBufferedRows: Math.max(100_000, batchRows) } : {}), ...(flushMs ? { flushIntervalMs: flushMs } : {}) };
  const monitor = Object.keys(monitorOptions).length ? `{ use: '@mlops/monitor', options: ${JSON.stringify(monitorOptions)} }` : `'@mlops/monitor'`;
  writeFileSync(join(dir, 'on.config.ts'), `export default { logLevel: 'info', plugins: { ${base('on.sqlite', pgSchemas[1])}, monitor: ${monitor} } };\n`);
  return body;
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-predlog-'));
const targets = [];
const specs = [
  ['log off', 18431, 'off.config.ts'],
  ['log on', 18432, 'on.config.ts'],
];
let answered = 0; // requests the logging server answered (readiness probes and warm-ups included)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts both servers (stopping running ones first: SIGTERM, the log flushes), waits for them and warms them up. */
async function startServers(body) {
  for (const t of targets.splice(0)) await stop(t);
  for (const [name, port, config] of specs) targets.push(startServe(name, port, config, dir, { cpus: serverCpus, gc: traceGc }));
  for (const t of targets) {
    await waitReady(t, body);
    if (t.name === 'log on') answered += 1;
    if (warmup > 0) {
      const m = runWrk(t.port, dir, connections, warmup, wrkCpus);
      if (t.name === 'log on') answered += m.requests;
    }
  }
}

/** The logging server's stderr lines about the log, over every start. */
const logWarnings = [];

async function stop(t) {
  if (t.child.exitCode === null && t.child.signalCode === null) {
    const exited = new Promise((r) => t.child.once('exit', r));
    process.kill(-t.child.pid, 'SIGTERM');
    await exited;
  }
  if (t.name === 'log on') logWarnings.push(...t.log().split('\n').filter((l) => /monitor|predictionsServed/.test(l)));
}

try {
  const body = await prepare(dir);
  await startServers(body);
  const load = [loadavg()[0]];
  const results = Object.fromEntries(specs.map(([name]) => [name, Object.fromEntries(levels.map((c) => [c, []]))]));
  for (let r = 0; r < runs; r++) {
    if (r > 0 && freshEvery > 0 && r % freshEvery === 0) await startServers(body);
    for (const conns of levels) {
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const cpu0 = groupCpuSeconds(t.child.pid);
        const gc0 = { ...t.gc };
        const workerGc0 = { ...t.workerGc };
        const m = runWrk(t.port, dir, conns, duration, wrkCpus);
        // Server CPU (all its threads, the log's writer included) per answered request, in µs.
        m.cpuUsPerRequest = ((groupCpuSeconds(t.child.pid) - cpu0) / m.requests) * 1e6;
        if (traceGc) {
          await sleep(100); // the trace's last lines
          const d = Object.fromEntries(Object.keys(gc0).map((k) => [k, t.gc[k] - gc0[k]]));
          m.gc = { scavengesPer1k: (d.scavenges / m.requests) * 1000, markCompacts: d.markCompacts, pauseUsPerRequest: (d.pauseMs / m.requests) * 1000, promotedKBPerScavenge: d.scavenges ? d.promotedBytes / d.scavenges / 1024 : 0, workerPauseUsPerRequest: ((t.workerGc.pauseMs - workerGc0.pauseMs) / m.requests) * 1000 };
        }
        results[t.name][conns].push(m);
        if (t.name === 'log on') answered += m.requests;
        const gc = m.gc ? `; GC: ${m.gc.scavengesPer1k.toFixed(2)} scavenges/1k req, ${m.gc.markCompacts} mark-compacts, ${m.gc.pauseUsPerRequest.toFixed(1)} µs/req, ${m.gc.promotedKBPerScavenge.toFixed(1)} KB promoted/scavenge, workers ${m.gc.workerPauseUsPerRequest.toFixed(1)} µs/req` : '';
        console.error(`run ${r + 1}/${runs} c=${conns} ${t.name}: ${m.rps.toFixed(0)} req/s, ${m.cpuUsPerRequest.toFixed(1)} µs CPU/request${m.errors ? `, ${m.errors} errors` : ''}${gc}`);
      }
    }
    load.push(loadavg()[0]);
  }
  const med = (name, c) => median(results[name][c].map((m) => m.rps));
  const byLevel = (f) => Object.fromEntries(levels.map((c) => [`c${c}`, f(c)]));
  const medians = Object.fromEntries(targets.map((t) => [t.name, byLevel((c) => med(t.name, c))]));
  const cpuMed = (name, c) => median(results[name][c].map((m) => m.cpuUsPerRequest));
  const cpuUsPerRequest = Object.fromEntries(targets.map((t) => [t.name, byLevel((c) => cpuMed(t.name, c))]));
  // Per round, on/off of req/s in that round's adjacent pair of runs (the same machine state, roughly).
  const pairs = byLevel((c) => results['log on'][c].map((m, i) => m.rps / results['log off'][c][i].rps));
  const round3 = (x) => Number(x.toFixed(3));
  const pairRatios = Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, v.map(round3)]));
  // The headline: the median pair ratio, with quartiles and range as its spread.
  const pairRatio = Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, { median: round3(median(v)), q1: round3(quantile(v, 0.25)), q3: round3(quantile(v, 0.75)), min: round3(Math.min(...v)), max: round3(Math.max(...v)) }]));
  const ratioOfMedians = byLevel((c) => round3(medians['log on'][`c${c}`] / medians['log off'][`c${c}`]));
  // CPU per request, off / on: the throughput ratio a server with a core of its own would see.
  const cpuRatios = byLevel((c) => round3(cpuUsPerRequest['log off'][`c${c}`] / cpuUsPerRequest['log on'][`c${c}`]));
  // Per target and level, the median of each GC figure over the rounds (and mark-compacts summed).
  const gc = traceGc
    ? Object.fromEntries(targets.map((t) => [t.name, byLevel((c) => {
        const ms = results[t.name][c].map((m) => m.gc);
        const med = (k) => round3(median(ms.map((g) => g[k])));
        return { scavengesPer1k: med('scavengesPer1k'), pauseUsPerRequest: med('pauseUsPerRequest'), promotedKBPerScavenge: med('promotedKBPerScavenge'), workerPauseUsPerRequest: med('workerPauseUsPerRequest'), markCompactsTotal: ms.reduce((n, g) => n + g.markCompacts, 0) };
      })]))
    : null;
  // Stop the logging server: close() flushes what is queued; then every answered row must be in the table.
  await stop(targets[1]);
  const logged = await countLogged();
  console.log(JSON.stringify({ store, machine: machine(), loadAverage1m: load.map((l) => Number(l.toFixed(1))), runs, durationSeconds: duration, connections, bodyRows, batchRows: batchRows || 'default', flushMs: flushMs || 'default', warmupSeconds: warmup, freshEvery, pinned: pin, pairRatio, ratioOfMedians, medians, pairRatios, cpuUsPerRequest, cpuRatios, gc, log: { rowsLogged: logged, rowsAnsweredToWrk: answered * bodyRows, warnings: logWarnings } }, null, 2));
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

/** The q-quantile of `values` (linear between order statistics). */
function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
