#!/usr/bin/env node
// Instructions per /predict request, counted by valgrind's callgrind: `mlops serve` (one worker,
// micro-batching on, as bench-serving runs it) against the bare node:http + onnxruntime handler
// (bare-server.mjs, one worker) on the same model and body. A count of executed instructions does
// not move with the machine's load the way req/s and latency do, so it compares builds on a busy
// machine. Each server runs under `valgrind --tool=callgrind --instr-atstart=no`: the warm-up
// requests run uninstrumented (V8 compiles the hot path), then callgrind_control switches counting
// on and zeroes it, `--requests` requests go one at a time over one keep-alive connection, and the
// counters are dumped (per thread: thread 1 is node's JavaScript thread; the others are V8's
// compiler and GC helpers, libuv and onnxruntime).
//   npx tsc -b plugins/server plugins/runtime-onnx packages/cli plugins/trainer-gbdt packages/onnx
//   node tools/bench/serving/bench-callgrind.mjs [--warmup 5000] [--requests 2000] [--body-rows 1] [--targets serve,bare] [--keep DIR]
// --keep DIR copies the dump files there (per function: callgrind_annotate DIR/callgrind-serve.*-01).
// Needs valgrind (Debian: apt-get install -y valgrind).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, numberOption, repoRoot } from '../lib/common.mjs';
import { prepareServedModel } from '../lib/serveBench.mjs';

const warmup = numberOption('warmup', 5000);
const requests = numberOption('requests', 2000);
const bodyRows = numberOption('body-rows', 1);
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const targetsArg = process.argv.includes('--targets') ? process.argv[process.argv.indexOf('--targets') + 1].split(',') : ['serve', 'bare'];

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-callgrind-'));
const body = JSON.stringify(await prepareServedModel(dir, { trainRows: 20_000, bodyRows }));
writeFileSync(join(dir, 'mlops.config.ts'), `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx', server: { use: '@mlops/server', options: { microBatch: { enabled: true } } } } });\n`);

const commands = {
  serve: [join(repoRoot, 'packages/cli/bin/mlops.js'), '-c', join(dir, 'mlops.config.ts'), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', '18411', '--workers', '1'],
  bare: [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), '18413', '1'],
};
const ports = { serve: 18411, bare: 18413 };

/** `n` POSTs of the body, one after the other over one keep-alive connection; throws on a non-200. */
async function send(port, n) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/predict', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < n; i++) await once();
  agent.destroy();
}

async function waitReady(name, child, log) {
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) break;
    try {
      await send(ports[name], 1);
      return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not start under valgrind:\n${log()}`);
}

/** Sums the `summary:` (or `totals:`) instruction counts of the dump files of `pid` numbered `dump`, per thread. */
function readDump(prefix, pid) {
  const threads = {};
  for (const f of readdirSync(dir)) {
    const m = f.match(new RegExp(`^${prefix}\\.${pid}\\.out(?:\\.\\d+)?-(\\d+)$`));
    if (!m) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const ir = Number(text.match(/^(?:summary|totals):\s+(\d+)/m)?.[1] ?? 0);
    threads[Number(m[1])] = (threads[Number(m[1])] ?? 0) + ir;
  }
  return threads;
}

const results = {};
try {
  for (const name of targetsArg) {
    const prefix = `callgrind-${name}`;
    const child = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${join(dir, `${prefix}.%p.out`)}`, process.execPath, ...commands[name]], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    try {
      await waitReady(name, child, () => log);
      const t0 = performance.now();
      await send(ports[name], warmup);
      console.error(`${name}: ${warmup} warm-up requests in ${((performance.now() - t0) / 1000).toFixed(1)} s (uninstrumented)`);
      execFileSync('callgrind_control', ['-i', 'on', String(child.pid)], { stdio: 'ignore' });
      execFileSync('callgrind_control', ['-z', String(child.pid)], { stdio: 'ignore' });
      const t1 = performance.now();
      await send(ports[name], requests);
      execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
      console.error(`${name}: ${requests} counted requests in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      const threads = readDump(prefix, child.pid);
      const total = Object.values(threads).reduce((a, b) => a + b, 0);
      results[name] = { instructionsPerRequest: Math.round(total / requests), jsThreadPerRequest: Math.round((threads[1] ?? 0) / requests), threads: Object.keys(threads).length };
      console.error(`${name}: ${JSON.stringify(results[name])}`);
    } finally {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    }
  }
  const ratio = (k) => (results.serve && results.bare ? Number((results.serve[k] / results.bare[k]).toFixed(3)) : null);
  console.log(JSON.stringify({ machine: machine(), valgrind: execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim(), bodyRows, warmup, requests, results, ratios: { all: ratio('instructionsPerRequest'), jsThread: ratio('jsThreadPerRequest') } }, null, 2));
} finally {
  if (keep) for (const f of readdirSync(dir)) if (f.startsWith('callgrind-')) cpSync(join(dir, f), join(keep, f));
  rmSync(dir, { recursive: true, force: true });
}
