#!/usr/bin/env node
// /predict throughput with the prediction log on vs off: two `mlops serve` processes on the same
// ONNX model and the same SQLite metadata store plugin (separate files), one whose config adds
// `monitor: '@mlops/monitor'` (every served row written to monitor_predictions). wrk at 64 and at 1
// connection, targets interleaved (order alternating per round), `--runs` rounds; ratios of medians
// (log on / off; goal ≥ 0.9). After the rounds the logging server is stopped (SIGTERM: the log
// flushes what is queued) and its table is counted against the rows wrk saw answered.
//   npx tsc -b tsconfig.build.json
//   node tools/bench/monitor/bench-prediction-log.mjs [--runs 3] [--duration 5] [--connections 64] [--body-rows 1] [--batch-rows N]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, repoRoot } from '../lib/common.mjs';

const runs = numberOption('runs', 3);
const duration = numberOption('duration', 5);
const connections = numberOption('connections', 64);
const bodyRows = numberOption('body-rows', 1);
// --batch-rows N sets the monitor's batchRows (rows per flush, i.e. per transaction and per fsync on SQLite).
const batchRows = numberOption('batch-rows', 0);
const features = Array.from({ length: 10 }, (_, i) => `f${i}`);
const trainRows = 5_000;

const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');
const { composeModels, createGraph, attr } = loadBuilt('packages/onnx');
const { Frame, float64Column, categoryColumn } = loadBuilt('packages/frame');
loadBuilt('plugins/monitor'); // fails early, with the build hint, when the plugin is not built

/** A GBDT (100 trees, seeded data) behind a Concat of ten float inputs, its signature, the two configs and the wrk script. */
async function prepare(dir) {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cols = features.map(() => Float64Array.from({ length: trainRows }, () => rnd() * 4 - 2));
  const y = Int32Array.from({ length: trainRows }, (_, i) => (Math.sin(cols[0][i]) + cols[1][i] * cols[2][i] + (rnd() - 0.5) > 0 ? 1 : 0));
  const frame = Frame.fromColumns({ ...Object.fromEntries(features.map((f, j) => [f, float64Column(cols[j])])), y: categoryColumn(y, ['neg', 'pos']) });
  const model = await createGbdtTrainer().fit(frame, 'y', { nRounds: 100, learningRate: 0.1, maxDepth: 6 }, { seed: 1 });
  const g = createGraph('serving');
  for (const f of features) g.input(f, 'float', ['N', 1]);
  g.node('Concat', features, ['features'], { axis: attr.int(1) }).output('features', 'float', ['N', features.length]);
  writeFileSync(join(dir, 'model.onnx'), composeModels(g.toModel(), model.toOnnx(), { connect: { features: 'features' } }));
  const signature = { task: 'binary', inputs: features.map((name) => ({ name, type: 'double' })), outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['neg', 'pos'] };
  writeFileSync(join(dir, 'signature.json'), JSON.stringify(signature));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const base = (db) => `modelRuntime: '@mlops/runtime-onnx', server: '@mlops/server', metadataStore: { use: '@mlops/storage-local', options: { path: ${JSON.stringify(join(dir, db))} } }`;
  writeFileSync(join(dir, 'off.config.ts'), `export default { logLevel: 'warn', plugins: { ${base('off.sqlite')} } };\n`);
  writeFileSync(join(dir, 'on.config.ts'), `export default { logLevel: 'info', plugins: { ${base('on.sqlite')}, monitor: ${batchRows ? `{ use: '@mlops/monitor', options: { batchRows: ${batchRows}, maxBufferedRows: ${Math.max(100_000, batchRows)} } }` : `'@mlops/monitor'`} } };\n`);
  const row = (i) => Object.fromEntries(features.map((f, j) => [f, Number(cols[j][i].toFixed(4))]));
  const body = bodyRows > 1 ? { rows: Array.from({ length: bodyRows }, (_, i) => row(i)) } : { row: row(0) };
  writeFileSync(join(dir, 'post.lua'), `wrk.method = "POST"\nwrk.body = '${JSON.stringify(body)}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  return body;
}

function start(name, port, config, dir) {
  const cli = join(repoRoot, 'packages/cli/bin/mlops.js');
  const args = [cli, '-c', join(dir, config), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', String(port), '--workers', '1'];
  // MLOPS_BENCH_CPU_PROF=DIR writes a CPU profile of each server (node --cpu-prof) there, to see where the time goes.
  const prof = process.env.MLOPS_BENCH_CPU_PROF;
  const child = spawn(process.execPath, [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/${name.replace(/\W+/g, '-')}`] : []), ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  return { name, port, child, log: () => log };
}

async function waitReady(target, body) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${target.port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target.name} did not start:\n${target.log()}`);
}

function wrk(port, dir, conns) {
  const out = execFileSync('wrk', ['-t1', `-c${conns}`, `-d${duration}s`, '-s', join(dir, 'post.lua'), `http://127.0.0.1:${port}/predict`], { encoding: 'utf8' });
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), requests: Number(out.match(/(\d+) requests in/)[1]), errors: Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0) };
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-predlog-'));
const targets = [];
try {
  const body = await prepare(dir);
  targets.push(start('log off', 18431, 'off.config.ts', dir), start('log on', 18432, 'on.config.ts', dir));
  for (const t of targets) await waitReady(t, body);
  const load = [loadavg()[0]];
  const results = Object.fromEntries(targets.map((t) => [t.name, { [connections]: [], 1: [] }]));
  let answered = 1; // the readiness probe
  for (let r = 0; r < runs; r++) {
    for (const conns of [connections, 1]) {
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const m = wrk(t.port, dir, conns);
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
