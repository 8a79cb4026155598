#!/usr/bin/env node
// What the prediction log's hook handler keeps alive, without a server around it: one process
// announces `predictionsServed` events shaped like `mlops serve`'s under the bench (10 float32
// inputs, an int64 label, two float32 probabilities, 24 one-row requests per call, ids like the
// server's) at `--rate` requests/s for `--seconds`, allocating `--garbage-kb` of short-lived
// garbage per request (the server's own allocation, so scavenges come as often as in a server),
// with the log on a SQLite file or with no log. Run it under V8's GC trace and read promotion:
//   node --trace-gc-nvp tools/bench/monitor/bench-log-gc.mjs [--log 1] [--monitor-dist DIR] [--rate 6000] [--seconds 10] [--garbage-kb 17]
// It prints one JSON line: the main thread's scavenges, mark-compacts and bytes promoted per
// scavenge (parsed from its own trace on stdout, so run it with stdout to a pipe it can reread: it
// re-executes itself with the flag and reads the child's output).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilt, numberOption } from '../lib/common.mjs';

const args = process.argv.slice(2);
if (!process.execArgv.includes('--trace-gc-nvp')) {
  const out = spawnSync(process.execPath, ['--trace-gc-nvp', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(out.stderr);
  const lines = out.stdout.split('\n');
  const result = JSON.parse(lines.find((l) => l.startsWith('{')));
  // Only the measured part (after the marker line) of the main isolate (the first to report).
  const from = lines.findIndex((l) => l.startsWith('MEASURE'));
  const main = /^\[\d+:(0x[0-9a-f]+)\]/.exec(lines.find((l) => / gc=/.test(l)))[1];
  const gc = { scavenges: 0, markCompacts: 0, promoted: 0, pauseMs: 0 };
  for (const l of lines.slice(from)) {
    const kind = / gc=(\w+)/.exec(l)?.[1];
    if (!kind || !l.includes(main)) continue;
    if (kind === 's') gc.scavenges++;
    else gc.markCompacts++;
    if (kind === 's') gc.promoted += Number(/ promoted=(\d+)/.exec(l)?.[1] ?? 0);
    gc.pauseMs += Number(/ pause=([\d.]+)/.exec(l)?.[1] ?? 0);
  }
  const r = result.requests;
  console.log(JSON.stringify({ ...result, scavengesPer1kRequests: +((gc.scavenges / r) * 1000).toFixed(3), markCompacts: gc.markCompacts, promotedKBPerScavenge: +(gc.promoted / Math.max(1, gc.scavenges) / 1024).toFixed(2), promotedBytesPerRequest: +(gc.promoted / r).toFixed(2), gcPauseUsPerRequest: +((gc.pauseMs / r) * 1000).toFixed(2) }));
  process.exit(0);
}

const withLog = numberOption('log', 1) === 1;
const rate = numberOption('rate', 6000);
const seconds = numberOption('seconds', 10);
const garbageKb = numberOption('garbage-kb', 17);
const distArg = args.indexOf('--monitor-dist');
const monitor = distArg >= 0 ? createRequire(import.meta.url)(resolve(args[distArg + 1], 'index.js')) : loadBuilt('plugins/monitor');
const { createHookBus, silentLogger } = loadBuilt('packages/core');
const { openSqlMetadataStore, sqlHandleOf } = loadBuilt('packages/sql-metadata');

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-loggc-'));
const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
await store.start();
const hooks = createHookBus(silentLogger);
const log = withLog ? new monitor.PredictionLog(monitor.monitorOptions.parse({}), { sql: sqlHandleOf(store.database, 'monitor'), hooks, logger: silentLogger, migrate: () => store.database.migrate('monitor', monitor.monitorMigrations) }) : null;
await log?.start();

const model = { name: 'bench', version: 1, alias: 'champion', digest: 'd', signature: { task: 'binary', inputs: [], outputs: [] }, loadedAt: 0 };
const idPrefix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
let counter = 0;
let sink = 0;
const perCall = 24;

/** One inference call of `perCall` one-row requests, fresh arrays as the server makes them, plus the request's garbage. */
function call() {
  const inputs = {};
  for (let f = 0; f < 10; f++) inputs[`f${f}`] = { data: Float32Array.from({ length: perCall }, () => Math.random()), dims: [perCall, 1] };
  const requests = [];
  for (let i = 0; i < perCall; i++) {
    requests.push({ id: `${idPrefix}-${(++counter).toString(36)}`, rows: 1, latencyMs: 1 + Math.random() });
    const garbage = new Array((garbageKb * 1024) / 16);
    for (let k = 0; k < garbage.length; k++) garbage[k] = { k };
    sink += garbage.length;
  }
  const label = new BigInt64Array(perCall);
  const probabilities = new Float32Array(2 * perCall).fill(0.5);
  hooks.announce('predictionsServed', { model, rows: perCall, inputs, outputs: { label: { data: label, dims: [perCall] }, probabilities: { data: probabilities, dims: [perCall, 2] } }, servedAt: Date.now(), requests, inferenceMs: 0.5 }, perCall);
}

/** Calls at `rate` requests/s for `ms`, yielding to the event loop every millisecond (flushes, the hook queue). */
async function serve(ms) {
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < ms) {
    const due = ((performance.now() - start) / 1000) * rate;
    while (sent + perCall <= due) {
      call();
      sent += perCall;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return sent;
}

await serve(2000); // warm-up: JIT, the log's first groups
console.log('MEASURE');
const requests = await serve(seconds * 1000);
await log?.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ log: withLog, monitorDist: distArg >= 0 ? args[distArg + 1] : 'plugins/monitor/dist', rate, seconds, garbageKb, requests, sink: sink > 0, written: log?.stats().written ?? 0, dropped: log?.stats().dropped ?? 0 }));
