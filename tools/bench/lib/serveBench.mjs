// What the benches that compare `mlops serve` configurations share (bench-hooks, bench-prediction-log,
// bench-fixed-rate, bench-wakeups): one seeded GBDT model behind ten float inputs, `mlops serve`
// processes, readiness, one timed request, and wrk.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { loadBuilt, repoRoot } from './common.mjs';

export const features = Array.from({ length: 10 }, (_, i) => `f${i}`);

/**
 * Writes into `dir`: model.onnx (100 trees on seeded synthetic data behind a Concat of the ten float
 * inputs), signature.json, a node_modules link to the repo's, and post.lua (wrk's body: one row, or
 * `bodyRows` rows). Returns the request body. Configs are the caller's.
 */
export async function prepareServedModel(dir, { trainRows = 5_000, bodyRows = 1 } = {}) {
  const { createGbdtTrainer } = loadBuilt('plugins/trainer-gbdt');
  const { composeModels, createGraph, attr } = loadBuilt('packages/onnx');
  const { Frame, float64Column, categoryColumn } = loadBuilt('packages/frame');
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
  const row = (i) => Object.fromEntries(features.map((f, j) => [f, Number(cols[j][i].toFixed(4))]));
  const body = bodyRows > 1 ? { rows: Array.from({ length: bodyRows }, (_, i) => row(i)) } : { row: row(0) };
  writeFileSync(join(dir, 'post.lua'), `wrk.method = "POST"\nwrk.body = '${JSON.stringify(body)}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  return body;
}

/**
 * `mlops serve` with `dir/config` on the prepared model, in its own process group (kill -pid stops its
 * workers too). MLOPS_BENCH_CPU_PROF=DIR writes a CPU profile of each server there. `cpus` (a taskset
 * list, e.g. '1') pins the server's threads; `gc: true` runs it with V8's --trace-gc-nvp and keeps
 * running totals in `target.gc` (the server's main thread: the first isolate to report a GC, while
 * loading, before any worker thread starts) and `target.workerGc` (every other isolate's).
 */
export function startServe(name, port, config, dir, { workers = 1, cpus, gc = false } = {}) {
  const cli = join(repoRoot, 'packages/cli/bin/mlops.js');
  const args = [cli, '-c', join(dir, config), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', String(port), '--workers', String(workers)];
  const prof = process.env.MLOPS_BENCH_CPU_PROF;
  const node = [...(gc ? ['--trace-gc-nvp'] : []), ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/${name.replace(/\W+/g, '-')}`] : []), ...args];
  const [command, argv] = cpus === undefined ? [process.execPath, node] : ['taskset', ['-c', String(cpus), process.execPath, ...node]];
  const child = spawn(command, argv, { cwd: dir, stdio: ['ignore', gc ? 'pipe' : 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const target = { name, port, child, log: () => log, gc: gcTotals(), workerGc: gcTotals() };
  if (gc) followGcTrace(child.stdout, target);
  return target;
}

/** Running totals of --trace-gc-nvp lines: scavenges, mark-compacts, pause ms, bytes promoted to old space by scavenges. */
function gcTotals() {
  return { scavenges: 0, markCompacts: 0, pauseMs: 0, promotedBytes: 0 };
}

function followGcTrace(stream, target) {
  let rest = '';
  let main;
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const kind = / gc=(\w+)/.exec(line)?.[1];
      if (!kind) continue;
      const isolate = /^\[\d+:(0x[0-9a-f]+)\]/.exec(line)?.[1];
      main ??= isolate;
      const totals = isolate === main ? target.gc : target.workerGc;
      if (kind === 's') totals.scavenges++;
      else if (kind === 'mc' || kind === 'ms') totals.markCompacts++;
      totals.pauseMs += Number(/ pause=([\d.]+)/.exec(line)?.[1] ?? 0);
      // A mark-compact's `promoted` counts what it moved, not what left the young generation.
      if (kind === 's') totals.promotedBytes += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
    }
  });
}

/** Waits (up to 60 s) until the target answers `body` on /predict with a 2xx. */
export async function waitReady(target, body) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${target.port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target.name} did not start:\n${target.log()}`);
}

/** One POST /predict of `body` (JSON text) over `agent`: resolves with its latency in µs, rejects on an error or a non-200. */
export function predictOnce(port, body, agent) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request({ host: '127.0.0.1', port, path: '/predict', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t0) / 1e3) : reject(new Error(`port ${port}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts node with `target.argv` in its own process group (stopServers ends it; pushed to `children`
 * first, so a failed start is stopped too), on the CPUs of `cpus` (a taskset list) when given, and
 * waits up to 60 s until each of `target.readyPorts` (default: `target.port`) answers `body` on
 * /predict. Sets `target.pid` (taskset execs node: the same pid).
 */
export async function startAnswering(target, children, { cwd, env = {}, cpus }, body) {
  const [command, argv] = cpus === undefined ? [process.execPath, target.argv] : ['taskset', ['-c', String(cpus), process.execPath, ...target.argv]];
  const child = spawn(command, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  target.pid = child.pid;
  children.push(child);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const port of target.readyPorts ?? [target.port]) {
      for (let i = 0; ; i++) {
        try {
          await predictOnce(port, body, agent);
          break;
        } catch (error) {
          if (i > 600 || child.exitCode !== null) throw new Error(`${target.name} did not start: ${error.message}\n${log}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
  } finally {
    agent.destroy();
  }
}

/** One wrk run (one thread; pinned to `cpus` when given) of dir/post.lua against /predict: requests/s, requests, non-2xx answers. */
export function runWrk(port, dir, conns, durationSeconds, cpus) {
  const wrk = ['-t1', `-c${conns}`, `-d${durationSeconds}s`, '-s', join(dir, 'post.lua'), `http://127.0.0.1:${port}/predict`];
  const out = cpus === undefined ? execFileSync('wrk', wrk, { encoding: 'utf8' }) : execFileSync('taskset', ['-c', String(cpus), 'wrk', ...wrk], { encoding: 'utf8' });
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), requests: Number(out.match(/(\d+) requests in/)[1]), errors: Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0) };
}

/**
 * CPU seconds (user + system, all threads) used so far by the processes of a process group (a
 * target started by startServe: pgid = its pid), from /proc. Unlike req/s, CPU per request barely
 * moves when other work on the machine takes cores away from the server.
 */
export function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // After the command name (in parentheses, may hold spaces): state, ppid, pgrp, ... utime (12th), stime (13th).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** Ends the servers a bench started (each its own process group: SIGTERM to the group), then removes the bench's folder. */
export async function stopServers(children, dir) {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dir, { recursive: true, force: true });
}
