#!/usr/bin/env node
// What one /predict request costs the kernel's scheduler: `mlops serve` against the bare node:http +
// onnxruntime handler (bare-server.mjs), one worker each, micro-batching on, one-row bodies sent at a
// low fixed rate (one keep-alive connection per server, the servers' requests interleaved as in
// bench-serving's probe). Over the same count of requests, per request and per thread (by name):
// context switches (voluntary: the thread went to sleep, e.g. in epoll_wait or on a futex) and CPU
// time (perf stat --per-thread), then the system calls (strace -f -c, in a separate window, as it
// slows every call). Counts, unlike latency, hardly move with the machine's load: at a low rate,
// every extra sleep/wake of a thread on the request path is a wake-up paid in wall time.
//   npx tsc -b plugins/server plugins/runtime-onnx packages/cli plugins/trainer-gbdt packages/onnx
//   node tools/bench/serving/bench-wakeups.mjs [--requests 2000] [--rate 200] [--warmup 3000] [--strace 1]
// Needs perf and strace (Debian: apt-get install -y linux-perf strace).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, median, numberOption, repoRoot } from '../lib/common.mjs';
import { predictOnce, prepareServedModel, startAnswering, stopServers } from '../lib/serveBench.mjs';

const requests = numberOption('requests', 2000);
const rate = numberOption('rate', 200);
const warmup = numberOption('warmup', 3000);
const withStrace = numberOption('strace', 1) === 1;

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-wakeups-'));
const body = JSON.stringify(await prepareServedModel(dir, { trainRows: 20_000 }));
writeFileSync(join(dir, 'mlops.config.ts'), `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx', server: { use: '@mlops/server', options: { microBatch: { enabled: true } } } } });\n`);

const targets = [
  { name: 'serve', port: 18421, argv: [join(repoRoot, 'packages/cli/bin/mlops.js'), '-c', join(dir, 'mlops.config.ts'), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', '18421', '--workers', '1'] },
  { name: 'bare', port: 18423, argv: [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), '18423', '1'] },
];

const once = (port, agent) => predictOnce(port, body, agent);

/** `n` rounds at `rate` rounds/s, one request to each target per round (first target alternating); latencies in µs. */
async function probe(n, perSecond) {
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const latencies = targets.map(() => []);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let k = 0; k < targets.length; k++) {
      const j = (i + k) % targets.length;
      latencies[j].push(await once(targets[j].port, agents[j]));
    }
  }
  for (const a of agents) a.destroy();
  return latencies;
}

/** Starts `command` attached to every target's pid; returns a stop function resolving to each one's stderr. */
function attach(command, argsOf) {
  const tracers = targets.map((t) => {
    const child = spawn(command, argsOf(t), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    return { child, err: () => err };
  });
  return async () => {
    for (const { child } of tracers) child.kill('SIGINT');
    await Promise.all(tracers.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)))));
    return tracers.map(({ err }) => err());
  };
}

/**
 * perf stat --per-thread output, by thread: `main` (node's JavaScript thread, tid = pid) and the
 * others by their tid's offset from the pid (`+1` …, in start order: V8's platform workers, libuv's
 * threads; node names them all "node").
 */
function parsePerf(text, pid) {
  const byThread = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*\S+?-(\d+)\s+([\d,.]+)\s+(?:msec\s+)?(context-switches|cpu-migrations|task-clock)/);
    if (!m) continue;
    const tid = Number(m[1]);
    const row = (byThread[tid === pid ? 'main' : `+${tid - pid}`] ??= { 'context-switches': 0, 'cpu-migrations': 0, 'task-clock': 0 });
    row[m[3]] += Number(m[2].replace(/,/g, ''));
  }
  return byThread;
}

/** strace -c -f summary: calls per syscall name. */
function parseStrace(text) {
  const calls = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/);
    if (m && m[2] !== 'total') calls[m[2]] = Number(m[1]);
  }
  return calls;
}

const perRequest = (n) => Number((n / requests).toFixed(2));
const children = [];
try {
  for (const t of targets) {
    await startAnswering(t, children, { cwd: dir }, body);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < warmup; i++) await once(t.port, agent);
    agent.destroy();
  }
  const results = {};
  // 1. Latency alone, no tracer attached.
  const plain = await probe(requests, rate);
  targets.forEach((t, j) => (results[t.name] = { p50Us: Math.round(median(plain[j])) }));
  // 2. Context switches and CPU time per thread.
  const stopPerf = attach('perf', (t) => ['stat', '--per-thread', '-e', 'context-switches,cpu-migrations,task-clock', '-p', String(t.pid)]);
  await new Promise((r) => setTimeout(r, 500));
  const perfLatencies = await probe(requests, rate);
  const perfText = await stopPerf();
  targets.forEach((t, j) => {
    const byName = parsePerf(perfText[j], t.pid);
    results[t.name].p50UnderPerfUs = Math.round(median(perfLatencies[j]));
    results[t.name].perThread = Object.fromEntries(
      Object.entries(byName)
        .filter(([, r]) => r['context-switches'] > 0 || r['task-clock'] > 0)
        .map(([name, r]) => [name, { contextSwitches: perRequest(r['context-switches']), cpuMigrations: perRequest(r['cpu-migrations']), cpuUs: Math.round((r['task-clock'] * 1000) / requests) }]),
    );
  });
  // 3. System calls (all threads).
  if (withStrace) {
    const stopStrace = attach('strace', (t) => ['-f', '-c', '-p', String(t.pid)]);
    await new Promise((r) => setTimeout(r, 500));
    await probe(requests, rate);
    const straceText = await stopStrace();
    targets.forEach((t, j) => {
      const calls = parseStrace(straceText[j]);
      results[t.name].syscallsPerRequest = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, perRequest(v)]).filter(([, v]) => v >= 0.01).sort((a, b) => b[1] - a[1]));
    });
  }
  console.log(JSON.stringify({ machine: machine(), load: execFileSync('uptime', { encoding: 'utf8' }).trim(), requests, rate, warmup, results }, null, 2));
} finally {
  await stopServers(children, dir);
}
