#!/usr/bin/env node
// /predict of one row of a GBDT model over HTTP on loopback, measured with wrk: `mlops serve`
// (micro-batching on, and off) against (a) a bare node:http + onnxruntime handler on the same ONNX
// and (b) Flask + gunicorn serving the same data's scikit-learn HistGradientBoostingClassifier.
// Every server gets the same number of worker processes; all run in one go, interleaved, `--runs`
// times; the figures are medians over runs (the machine is shared: single runs are noisy).
//   npx tsc -b plugins/server plugins/runtime-onnx packages/cli plugins/trainer-gbdt packages/onnx
//   node tools/bench/serving/bench-serving.mjs [--workers 2] [--runs 3] [--duration 8] [--connections 64] [--threads 1] [--max-wait MS] [--body-rows N] [--skip-flask 1] [--rate 200] [--probe-warmup 0]
// --max-wait adds `mlops serve` with microBatch.maxWaitMs = MS (calls held up to MS to fill).
// --body-rows N posts `{ rows: [N rows] }` instead of `{ row }` (N = 100: the batch-body case).
// --skip-flask 1 leaves Flask out (it is only the baseline of the one-row case).
// --pin C,S runs the 1-connection wrk cell with wrk on CPU C and every server process (all threads)
// on CPU S, and unpins the servers again for the other cells. Unpinned, the scheduler decides per run
// whether wrk and the one busy server worker share a core (each waits for the other) or not, and the
// 1-connection ratio swung 0.57–1.08× between single runs on 2 cores.
import { execFileSync, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilt, machine, median, numberOption, python, repoRoot, stringOption } from '../lib/common.mjs';

const workers = numberOption('workers', 2);
const runs = numberOption('runs', 3);
const duration = numberOption('duration', 8);
const connections = numberOption('connections', 64);
const wrkThreads = numberOption('threads', 1);
const maxWait = numberOption('max-wait', 0);
const bodyRows = numberOption('body-rows', 1);
const skipFlask = numberOption('skip-flask', 0) === 1;
// --rate R: also a fixed-rate probe (R rounds/s, one request to each target in turn, keep-alive), for p50 at low load.
const rate = numberOption('rate', 200);
// --probe-warmup N: N uncounted rounds on the probe's fresh connections first. A new connection
// deoptimizes node's http and stream internals (V8 "wrong map") in every server, and at 200 rounds/s
// re-optimizing them takes seconds, so the first seconds of a probe measure that (default 0: as before).
const probeWarmup = numberOption('probe-warmup', 0);
const pinText = stringOption('pin');
if (pinText !== undefined && !/^\d+,\d+$/.test(pinText)) throw new Error(`--pin: expected two CPU numbers C,S (wrk on C, the servers on S), found ${pinText}`);
const pin = pinText?.split(',');
const rows = 20_000;
const features = Array.from({ length: 10 }, (_, i) => `f${i}`);
const gbdt = { nRounds: 100, learningRate: 0.1, maxDepth: 6 };

const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');
const { composeModels, createGraph, attr } = loadBuilt('packages/onnx');
const { Frame, float64Column, categoryColumn } = loadBuilt('packages/frame');
loadBuilt('plugins/server');
loadBuilt('plugins/runtime-onnx');
loadBuilt('packages/cli');

/** Synthetic binary data: a non-linear score of 10 uniform features plus noise (seeded). */
function data() {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cols = features.map(() => new Float64Array(rows));
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    for (const c of cols) c[i] = rnd() * 4 - 2;
    const score = Math.sin(cols[0][i]) + cols[1][i] * cols[2][i] - 0.5 * cols[3][i] ** 2 + 0.3 * cols[4][i] + (rnd() - 0.5);
    y[i] = score > 0 ? 1 : 0;
  }
  return { cols, y };
}

async function prepare(dir) {
  const { cols, y } = data();
  const frame = Frame.fromColumns({ ...Object.fromEntries(features.map((f, j) => [f, float64Column(cols[j])])), y: categoryColumn(y, ['neg', 'pos']) });
  const model = await createGbdtTrainer().fit(frame, 'y', gbdt, { seed: 1 });
  const g = createGraph('serving');
  for (const f of features) g.input(f, 'float', ['N', 1]);
  g.node('Concat', features, ['features'], { axis: attr.int(1) }).output('features', 'float', ['N', features.length]);
  writeFileSync(join(dir, 'model.onnx'), composeModels(g.toModel(), model.toOnnx(), { connect: { features: 'features' } }));
  const signature = { task: 'binary', inputs: features.map((name) => ({ name, type: 'double' })), outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['neg', 'pos'] };
  writeFileSync(join(dir, 'signature.json'), JSON.stringify(signature));
  const csv = [[...features, 'y'].join(',')];
  for (let i = 0; i < rows; i++) csv.push([...cols.map((c) => c[i].toFixed(6)), y[i]].join(','));
  writeFileSync(join(dir, 'data.csv'), `${csv.join('\n')}\n`);
  if (!skipFlask) console.error(execFileSync(python, [join(import.meta.dirname, 'train_sklearn.py'), join(dir, 'data.csv'), join(dir, 'model.pkl'), String(gbdt.nRounds), String(gbdt.learningRate), String(gbdt.maxDepth)], { encoding: 'utf8' }).trim());
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const config = (microBatch) => `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx', server: { use: '@mlops/server', options: { microBatch: ${JSON.stringify(microBatch)} } } } });\n`;
  writeFileSync(join(dir, 'mlops.config.ts'), config({ enabled: true }));
  writeFileSync(join(dir, 'nobatch.config.ts'), config({ enabled: false }));
  writeFileSync(join(dir, 'wait.config.ts'), config({ enabled: true, maxWaitMs: maxWait }));
  const row = Object.fromEntries(features.map((f, j) => [f, Number(cols[j][0].toFixed(4))]));
  const rowAt = (i) => Object.fromEntries(features.map((f, j) => [f, Number(cols[j][i].toFixed(4))]));
  const body = bodyRows > 1 ? { rows: Array.from({ length: bodyRows }, (_, i) => rowAt(i)) } : { row };
  writeFileSync(join(dir, 'post.lua'), `wrk.method = "POST"\nwrk.body = '${JSON.stringify(body)}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  return row;
}

function start(name, port, cmd, args, options) {
  // stdout too: a server that stops says why on either stream, and its exit status is kept.
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  let log = '';
  let exit;
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.on('exit', (code, signal) => (exit = signal ? `killed by ${signal}` : `exited with code ${code}`));
  return { name, port, child, log: () => log, exit: () => exit };
}

async function waitReady(target, row) {
  const url = `http://127.0.0.1:${target.port}/predict`;
  let last = 'no answer';
  const started = performance.now();
  while (performance.now() - started < 90_000 && !target.exit()) {
    try {
      // Bounded: a connection accepted but never answered must not stall the wait.
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ row }), signal: AbortSignal.timeout(15_000) });
      if (res.ok) return (await res.json()).predictions[0];
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = `${error.message}${error.cause?.code ? ` (${error.cause.code})` : ''}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target.name} on port ${target.port} did not start within ${((performance.now() - started) / 1000).toFixed(0)} s (${target.exit() ?? 'still running'}; last attempt: ${last}); its output:\n${target.log()}`);
}

function wrk(port, dir, conns, cpu) {
  const args = [`-t${wrkThreads}`, `-c${conns}`, `-d${duration}s`, '--latency', '-s', join(dir, 'post.lua'), `http://127.0.0.1:${port}/predict`];
  const out = cpu === undefined ? execFileSync('wrk', args, { encoding: 'utf8' }) : execFileSync('taskset', ['-c', cpu, 'wrk', ...args], { encoding: 'utf8' });
  const ms = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'));
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  const errors = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0) + Number(out.match(/Socket errors: .*?timeout (\d+)/)?.[1] ?? 0);
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p50: ms(50), p99: ms(99), errors };
}

/** Sets the CPU affinity of every process (all threads) in each target's process group. */
function pinTargets(targets, cpus) {
  for (const t of targets) {
    const pids = execFileSync('pgrep', ['-g', String(t.child.pid)], { encoding: 'utf8' }).trim().split('\n');
    for (const pid of pids) execFileSync('taskset', ['-a', '-p', '-c', cpus, pid], { stdio: 'ignore' });
  }
}

/** Latencies (ms) of `count` requests sent at a fixed rate over one keep-alive connection. */
// Interleaved: one request to each target in turn, `rate` rounds a second, one keep-alive socket per
// target. Every target then sees the same machine state (an idle CPU's wake-up, other load): probed
// one after another, 3 s each, their p50s differed by ±300 µs between runs, ten times the goal's margin.
async function fixedRate(ports, body, count) {
  const payload = JSON.stringify(body);
  const agents = ports.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const once = (port, agent) => new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const req = request({ host: '127.0.0.1', port, path: '/predict', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const latencies = ports.map(() => []);
  const start = performance.now();
  for (let i = 0; i < probeWarmup + count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // The first target of a round alternates, so none always goes first after the pause.
    for (let k = 0; k < ports.length; k++) {
      const j = (i + k) % ports.length;
      const ms = await once(ports[j], agents[j]);
      if (i >= probeWarmup) latencies[j].push(ms);
    }
  }
  for (const a of agents) a.destroy();
  return latencies.map(median);
}

const allCpus = `0-${availableParallelism() - 1}`;
const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-serving-'));
const targets = [];
try {
  const row = await prepare(dir);
  const cli = join(repoRoot, 'packages/cli/bin/mlops.js');
  const serveArgs = (config, port) => [cli, '-c', join(dir, config), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', String(port), '--workers', String(workers)];
  const oneThread = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  targets.push(start('mlops serve', 18401, process.execPath, serveArgs('mlops.config.ts', 18401), { cwd: dir }));
  targets.push(start('mlops serve (no micro-batching)', 18402, process.execPath, serveArgs('nobatch.config.ts', 18402), { cwd: dir }));
  if (maxWait > 0) targets.push(start(`mlops serve (maxWaitMs ${maxWait})`, 18405, process.execPath, serveArgs('wait.config.ts', 18405), { cwd: dir }));
  targets.push(start('bare node:http + onnxruntime', 18403, process.execPath, [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), '18403', String(workers)], { cwd: repoRoot }));
  if (!skipFlask) targets.push(start('Flask + gunicorn + sklearn', 18404, '/usr/bin/gunicorn', ['-w', String(workers), '-b', '127.0.0.1:18404', '--chdir', import.meta.dirname, '--log-level', 'warning', 'flask_app:app'], { env: { ...oneThread, MODEL_PATH: join(dir, 'model.pkl') } }));
  for (const t of targets) {
    const p = await waitReady(t, row);
    console.error(`${t.name}: ready, P(pos) of the bench row = ${p.probabilities.pos.toFixed(4)}`);
  }
  const results = Object.fromEntries(targets.map((t) => [t.name, { 1: [], [connections]: [], fixedRateP50: [] }]));
  const probeBody = bodyRows > 1 ? { rows: Array.from({ length: bodyRows }, () => row) } : { row };
  for (let r = 0; r < runs; r++) {
    // Order reversed every other run, so whatever the machine does between phases (the previous wrk
    // run winding down, other load) does not always fall on the same server.
    const ordered = r % 2 ? [...targets].reverse() : targets;
    const p50s = await fixedRate(targets.map((t) => t.port), probeBody, Math.max(200, rate * 3));
    targets.forEach((t, i) => {
      results[t.name].fixedRateP50.push(p50s[i]);
      console.error(`run ${r + 1}/${runs} fixed rate ${rate}/s (interleaved) ${t.name}: p50 ${(p50s[i] * 1000).toFixed(0)} µs`);
    });
    for (const conns of [connections, 1]) {
      const pinned = pin && conns === 1;
      if (pinned) pinTargets(targets, pin[1]);
      for (const t of ordered) {
        const m = wrk(t.port, dir, conns, pinned ? pin[0] : undefined);
        results[t.name][conns].push(m);
        console.error(`run ${r + 1}/${runs} c=${conns} ${t.name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms${m.errors ? `, ${m.errors} errors` : ''}`);
      }
      if (pinned) pinTargets(targets, allCpus);
    }
  }
  const summary = {};
  for (const t of targets) {
    summary[t.name] = {};
    for (const conns of [connections, 1]) {
      const ms = results[t.name][conns];
      summary[t.name][`c${conns}`] = { rps: median(ms.map((m) => m.rps)), p50: median(ms.map((m) => m.p50)), p99: median(ms.map((m) => m.p99)), errors: ms.reduce((a, m) => a + m.errors, 0) };
    }
    summary[t.name].fixedRateP50Ms = median(results[t.name].fixedRateP50);
  }
  const ours = summary['mlops serve'][`c${connections}`].rps;
  // Per run, `mlops serve` against bare in the same run (their wrk runs back to back): a burst of load
  // or a slow phase of the machine then weighs on one pair, where a ratio of medians can take its two
  // medians from different runs.
  const paired = (conns) => median(results['mlops serve'][conns].map((m, i) => m.rps / results['bare node:http + onnxruntime'][conns][i].rps));
  const ratios = {
    pairedVsBare: paired(connections),
    pairedVsBareOneConnection: paired(1),
    vsBare: ours / summary['bare node:http + onnxruntime'][`c${connections}`].rps,
    vsBareOneConnection: summary['mlops serve'].c1.rps / summary['bare node:http + onnxruntime'].c1.rps,
    p50MinusBareOneConnectionMs: summary['mlops serve'].c1.p50 - summary['bare node:http + onnxruntime'].c1.p50,
    fixedRateP50MinusBareUs: Math.round((summary['mlops serve'].fixedRateP50Ms - summary['bare node:http + onnxruntime'].fixedRateP50Ms) * 1000),
    vsFlask: skipFlask ? null : ours / summary['Flask + gunicorn + sklearn'][`c${connections}`].rps,
    microBatchingGain: ours / summary['mlops serve (no micro-batching)'][`c${connections}`].rps,
  };
  console.log(JSON.stringify({ machine: machine(), pinOneConnection: pin ? { wrk: pin[0], servers: pin[1] } : undefined, workers, runs, durationSeconds: duration, connections, wrkThreads, bodyRows, fixedRate: rate, probeWarmup, model: { kind: 'gbdt', ...gbdt, features: features.length, trainRows: rows }, medians: summary, ratios }, null, 2));
} finally {
  for (const t of targets) {
    try {
      process.kill(-t.child.pid, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dir, { recursive: true, force: true });
}
