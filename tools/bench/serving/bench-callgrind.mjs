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
//   node tools/bench/serving/bench-callgrind.mjs [--warmup 5000] [--requests 2000] [--body-rows 1] [--targets serve,bare] [--keep DIR] [--ll BYTES] [--lag-sampler 0] [--idle S] [--perf-map 1]
// --keep DIR copies the dump files there (per function: callgrind_annotate DIR/callgrind-serve.*-01).
// --ll BYTES also simulates caches (32 KiB L1 instruction and data caches, a last-level cache of
// BYTES) and reports misses per request. With a last level smaller than what one request touches
// (262144: a one-row /predict touches about 0.9 MB), nearly every line a request touches is missed
// again by the next one, so its last-level misses count the distinct cache lines (code and data) a
// request touches: what it costs when a low request rate, and everything else the machine runs
// between requests, leave the caches cold. Unlike time, the count does not move with the load.
// --lag-sampler 0 leaves prom-client's event-loop-lag histogram of `mlops serve` never enabled (a
// preload; measurement only): it wakes the server every 10 ms, and under valgrind a request takes
// 20-80 ms of wall time, so as shipped the count per request includes 2-8 of those wake-ups,
// as many as the run's wall time (the machine's load) makes.
// --idle S then counts S seconds without requests (a second dump) and also reports the counts per
// request net of that background, scaled to the counted window's wall time: timers (the orphan
// watch, node's connection check, V8's idle-time tasks) add counts in proportion to wall time,
// which under valgrind follows the machine's load.
// --perf-map 1 runs node with --perf-basic-prof and, with --keep, keeps its /tmp/perf-PID.map next
// to the dumps: the '???:0x…' functions of callgrind_annotate are JIT code, named in that map.
// Needs valgrind (Debian: apt-get install -y valgrind).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, numberOption, repoRoot } from '../lib/common.mjs';
import { prepareServedModel } from '../lib/serveBench.mjs';

const warmup = numberOption('warmup', 5000);
const requests = numberOption('requests', 2000);
const bodyRows = numberOption('body-rows', 1);
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const ll = numberOption('ll', 0);
const perfMap = numberOption('perf-map', 0) === 1;
const lagSampler = numberOption('lag-sampler', 1) === 1;
const idleSeconds = numberOption('idle', 0);
const targetsArg = process.argv.includes('--targets') ? process.argv[process.argv.indexOf('--targets') + 1].split(',') : ['serve', 'bare'];

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-callgrind-'));
const body = JSON.stringify(await prepareServedModel(dir, { trainRows: 20_000, bodyRows }));
writeFileSync(join(dir, 'mlops.config.ts'), `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx', server: { use: '@mlops/server', options: { microBatch: { enabled: true } } } } });\n`);

const commands = {
  serve: [join(repoRoot, 'packages/cli/bin/mlops.js'), '-c', join(dir, 'mlops.config.ts'), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', '18411', '--workers', '1'],
  bare: [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), '18413', '1'],
};
const ports = { serve: 18411, bare: 18413 };
if (!lagSampler) {
  writeFileSync(join(dir, 'no-lag-sampler.cjs'), "const ph = require('node:perf_hooks');\nconst make = ph.monitorEventLoopDelay;\nph.monitorEventLoopDelay = (options) => Object.assign(make(options), { enable: () => false });\n");
  commands.serve.unshift(`--require=${join(dir, 'no-lag-sampler.cjs')}`);
}

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

/**
 * Sums the `summary:` (or `totals:`) counts of the dump files of `pid`, per thread: instructions, and
 * with --ll the cache misses (L1 instruction, L1 data read and write, last level: the sum of
 * instruction, data read and data write misses).
 */
function readDump(prefix, pid, part) {
  const threads = {};
  for (const f of readdirSync(dir)) {
    const m = f.match(new RegExp(`^${prefix}\\.${pid}\\.out\\.${part}-(\\d+)$`));
    if (!m) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const events = text.match(/^events:\s+(.*)$/m)?.[1].trim().split(/\s+/) ?? ['Ir'];
    const values = text.match(/^(?:summary|totals):\s+(.*)$/m)?.[1].trim().split(/\s+/).map(Number) ?? [];
    const at = (e) => values[events.indexOf(e)] ?? 0;
    const t = (threads[Number(m[1])] ??= { ir: 0, i1: 0, d1: 0, ll: 0 });
    t.ir += at('Ir');
    t.i1 += at('I1mr');
    t.d1 += at('D1mr') + at('D1mw');
    t.ll += at('ILmr') + at('DLmr') + at('DLmw');
  }
  return threads;
}

const results = {};
try {
  for (const name of targetsArg) {
    const prefix = `callgrind-${name}`;
    const cache = ll > 0 ? ['--cache-sim=yes', '--I1=32768,8,64', '--D1=32768,8,64', `--LL=${ll},8,64`] : [];
    const child = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', ...cache, `--callgrind-out-file=${join(dir, `${prefix}.%p.out`)}`, process.execPath, ...(perfMap ? ['--perf-basic-prof'] : []), ...commands[name]], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
      const wall = (performance.now() - t1) / 1000;
      console.error(`${name}: ${requests} counted requests in ${wall.toFixed(1)} s`);
      const threads = readDump(prefix, child.pid, 1);
      const total = (k) => Object.values(threads).reduce((a, t) => a + t[k], 0);
      const js = threads[1] ?? { ir: 0, i1: 0, d1: 0, ll: 0 };
      results[name] = { instructionsPerRequest: Math.round(total('ir') / requests), jsThreadPerRequest: Math.round(js.ir / requests), threads: Object.keys(threads).length };
      if (ll > 0) {
        results[name].jsThreadMissesPerRequest = { l1Instruction: Math.round(js.i1 / requests), l1Data: Math.round(js.d1 / requests), lastLevel: Math.round(js.ll / requests) };
        results[name].lastLevelMissesPerRequest = Math.round(total('ll') / requests);
      }
      if (idleSeconds > 0) {
        // Each dump holds the counts since the previous one: this one, the idle window's.
        const t2 = performance.now();
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
        const scale = wall / ((performance.now() - t2) / 1000);
        const idle = readDump(prefix, child.pid, 2)[1] ?? { ir: 0, i1: 0, d1: 0, ll: 0 };
        results[name].countedSeconds = Number(wall.toFixed(1));
        results[name].jsThreadNetPerRequest = Math.round((js.ir - idle.ir * scale) / requests);
        if (ll > 0) results[name].jsThreadNetLastLevelMissesPerRequest = Math.round((js.ll - idle.ll * scale) / requests);
      }
      console.error(`${name}: ${JSON.stringify(results[name])}`);
    } finally {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      // Complete once node has exited (V8 writes the map through a buffered file).
      if (perfMap && keep && existsSync(`/tmp/perf-${child.pid}.map`)) cpSync(`/tmp/perf-${child.pid}.map`, join(keep, `perf-${name}.${child.pid}.map`));
    }
  }
  const ratio = (k) => (results.serve && results.bare ? Number((results.serve[k] / results.bare[k]).toFixed(3)) : null);
  const ratios = { all: ratio('instructionsPerRequest'), jsThread: ratio('jsThreadPerRequest') };
  if (idleSeconds > 0 && results.serve && results.bare) ratios.jsThreadNet = Number((results.serve.jsThreadNetPerRequest / results.bare.jsThreadNetPerRequest).toFixed(3));
  if (ll > 0 && idleSeconds > 0 && results.serve && results.bare) ratios.jsThreadNetLastLevelMisses = Number((results.serve.jsThreadNetLastLevelMissesPerRequest / results.bare.jsThreadNetLastLevelMissesPerRequest).toFixed(3));
  if (ll > 0 && results.serve && results.bare) ratios.jsThreadLastLevelMisses = Number((results.serve.jsThreadMissesPerRequest.lastLevel / results.bare.jsThreadMissesPerRequest.lastLevel).toFixed(3));
  console.log(JSON.stringify({ machine: machine(), valgrind: execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim(), bodyRows, warmup, requests, lagSampler, idleSeconds, ...(ll > 0 ? { lastLevelBytes: ll } : {}), results, ratios }, null, 2));
} finally {
  if (keep) for (const f of readdirSync(dir)) if (f.startsWith('callgrind-')) cpSync(join(dir, f), join(keep, f));
  rmSync(dir, { recursive: true, force: true });
}
