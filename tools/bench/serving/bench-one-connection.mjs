#!/usr/bin/env node
// One-row /predict at 1 connection, requests back to back (what bench-serving's `c1` cell measures
// with wrk), with each kind of server started more than once: `mlops serve` of this tree and the bare
// node:http + onnxruntime handler (bare-server.mjs), `--replicas` fresh processes of each, and with
// `--ballast 1` also the bare handler in a process that first loaded the modules `mlops serve` loads
// (bare-ballast.cjs: no server of ours started, no timer, no request path of ours). One keep-alive
// connection per process (reopened, uncounted, if the server closed it while idle); the run is cut
// into rounds, and each round sends a block of `--block` requests to every process in turn (the first
// one rotating). Per block and process: requests/s, and the CPU the process spent per request from
// /proc (schedstat: its JavaScript thread, and all its threads). Ratios are paired: a block against
// the median of the bare processes' blocks of the same round.
//
// Why replicas: two processes of one server differ from each other (JIT decisions, heap and malloc
// state), so a single pair of processes cannot tell a per-request cost of ours from the luck of one
// process; `spread` gives each kind's replicas against each other. Why ballast: if the bare handler
// gets as slow as `mlops serve` by loading our modules, the gap lies in the process, not the handler.
//   npx tsc -b plugins/server plugins/runtime-onnx packages/cli plugins/trainer-gbdt packages/onnx
//   node tools/bench/serving/bench-one-connection.mjs [--replicas 2] [--rounds 12] [--block 3000] [--warmup 5000] [--ballast 0] [--ballast-modules LIST] [--workers 1] [--serve-node-options STR] [--public-run 0]
// --ballast-modules LIST: what the ballast processes load instead (comma-separated, see bare-ballast.cjs), e.g. zod or prom-client alone.
// --workers N serves every target with N workers (CPU is then the whole process group's).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, median, numberOption, repoRoot, stringOption } from '../lib/common.mjs';
import { prepareServedModel, startAnswering, stopServers } from '../lib/serveBench.mjs';

const replicas = numberOption('replicas', 2);
const rounds = numberOption('rounds', 12);
const block = numberOption('block', 3000);
const warmup = numberOption('warmup', 5000);
const ballast = numberOption('ballast', 0) === 1;
const workers = numberOption('workers', 1);
// --serve-node-options STR: also `serveopt` replicas, `mlops serve` with NODE_OPTIONS=STR (V8 flags such as --max-semi-space-size=32).
const serveNodeOptions = stringOption('serve-node-options');
const ballastModules = stringOption('ballast-modules');
// --public-run 1: also `servepub` replicas, `mlops serve` with the runtime's `nativeRun: false` (onnxruntime-node's public, deferred `run`).
const publicRun = numberOption('public-run', 0) === 1;

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-one-connection-'));
const body = JSON.stringify(await prepareServedModel(dir, { trainRows: 20_000 }));
const bodyBytes = Buffer.from(body);
const writeConfig = (file, runtime) => writeFileSync(join(dir, file), `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: ${runtime}, server: { use: '@mlops/server', options: { microBatch: { enabled: true } } } } });\n`);
writeConfig('mlops.config.ts', `'@mlops/runtime-onnx'`);
writeConfig('mlops.public.config.ts', `{ use: '@mlops/runtime-onnx', options: { nativeRun: false } }`);

let port = 18460;
const targets = [];
const add = (kind, argv, env = {}) => {
  const at = port++;
  const n = targets.filter((t) => t.kind === kind).length + 1;
  targets.push({ kind, name: `${kind}${n}`, port: at, argv: argv(at), env });
};
const serveArgv = (at, config = 'mlops.config.ts') => [join(repoRoot, 'packages/cli/bin/mlops.js'), '-c', join(dir, config), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', String(at), '--workers', String(workers)];
const bareArgv = (at) => [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), String(at), String(workers)];
for (let r = 0; r < replicas; r++) {
  add('bare', bareArgv);
  add('serve', serveArgv);
  if (serveNodeOptions) add('serveopt', serveArgv, { NODE_OPTIONS: serveNodeOptions });
  if (publicRun) add('servepub', (at) => serveArgv(at, 'mlops.public.config.ts'));
  if (ballast) add('ballast', bareArgv, { NODE_OPTIONS: `--require=${join(import.meta.dirname, 'bare-ballast.cjs')}`, ...(ballastModules ? { MLOPS_BENCH_BALLAST: ballastModules } : {}) });
}

/** Nanoseconds on CPU of a process group's processes (started detached: pgid = pid): the first process's main thread, and all threads. */
function cpuNs(pgid) {
  let main = 0;
  let all = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let tids;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      tids = readdirSync(`/proc/${entry}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      let ns = 0;
      try {
        ns = Number(readFileSync(`/proc/${entry}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        continue;
      }
      all += ns;
      // With workers, the JavaScript thread that serves is a worker's: count every process's main thread.
      if (tid === entry) main += ns;
    }
  }
  return { main, all };
}

/** A keep-alive connection that sends `n` requests back to back (the next one as soon as an answer is complete). */
function connection(target) {
  const request = Buffer.concat([Buffer.from(`POST /predict HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nContent-Type: application/json\r\nContent-Length: ${bodyBytes.length}\r\n\r\n`), bodyBytes]);
  const socket = connect(target.port, '127.0.0.1');
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let left = 0;
  let done;
  let failed;
  const state = { closed: false };
  socket.on('close', () => {
    state.closed = true;
    if (left > 0) failed(new Error(`${target.name}: connection closed during a block`));
  });
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    for (;;) {
      const head = buffered.indexOf('\r\n\r\n');
      if (head < 0) return;
      const text = buffered.latin1Slice(0, head);
      if (!text.startsWith('HTTP/1.1 200')) return failed(new Error(`${target.name}: ${text.split('\r\n')[0]}`));
      const end = head + 4 + Number(/content-length: (\d+)/i.exec(text)[1]);
      if (buffered.length < end) return;
      buffered = buffered.subarray(end);
      if (--left > 0) socket.write(request);
      else done();
    }
  });
  return {
    state,
    ready: new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject)),
    run: (n) =>
      new Promise((resolve, reject) => {
        left = n;
        done = resolve;
        failed = reject;
        socket.write(request);
      }),
    close: () => socket.destroy(),
  };
}

/** Opens a new connection unless the one there is open and was used less than 3 s ago (servers close idle ones after 5 s). */
async function open(target) {
  if (target.conn && !target.conn.state.closed && performance.now() - target.usedAt < 3000) return;
  target.conn?.close();
  target.conn = connection(target);
  await target.conn.ready;
  await target.conn.run(200); // a new connection's first answers run node's http code on new maps
}

const children = [];
try {
  for (const t of targets) {
    await startAnswering(t, children, { cwd: t.kind.startsWith('serve') ? dir : repoRoot, env: t.env }, body);
    console.error(`${t.name}: pid ${t.pid}, port ${t.port}`);
  }
  for (const t of targets) {
    await open(t);
    await t.conn.run(warmup);
    t.usedAt = performance.now();
    t.blocks = [];
  }
  const loadBefore = execFileSync('uptime', { encoding: 'utf8' }).trim();
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(r + k) % targets.length];
      await open(t);
      const c0 = cpuNs(t.pid);
      const t0 = process.hrtime.bigint();
      await t.conn.run(block);
      t.usedAt = performance.now();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const c1 = cpuNs(t.pid);
      t.blocks.push({ rps: block / seconds, mainUs: (c1.main - c0.main) / 1e3 / block, allUs: (c1.all - c0.all) / 1e3 / block });
    }
    console.error(`round ${r + 1}/${rounds}: ${targets.map((t) => `${t.name} ${t.blocks[r].rps.toFixed(0)}/s`).join(', ')}`);
  }
  const loadAfter = execFileSync('uptime', { encoding: 'utf8' }).trim();
  for (const t of targets) t.conn.close();
  // The reference of a round: the median of the bare processes' blocks in that round.
  const bares = targets.filter((t) => t.kind === 'bare');
  const refRps = Array.from({ length: rounds }, (_, i) => median(bares.map((t) => t.blocks[i].rps)));
  const refMain = Array.from({ length: rounds }, (_, i) => median(bares.map((t) => t.blocks[i].mainUs)));
  const r3 = (x) => Math.round(x * 1000) / 1000;
  const r1 = (x) => Math.round(x * 10) / 10;
  const results = {};
  for (const t of targets) {
    results[t.name] = {
      rps: Math.round(median(t.blocks.map((b) => b.rps))),
      ratioVsBare: r3(median(t.blocks.map((b, i) => b.rps / refRps[i]))),
      jsThreadCpuUs: r1(median(t.blocks.map((b) => b.mainUs))),
      jsThreadCpuVsBareUs: r1(median(t.blocks.map((b, i) => b.mainUs - refMain[i]))),
      allThreadsCpuUs: r1(median(t.blocks.map((b) => b.allUs))),
    };
  }
  // Per kind: the median over its replicas, and how far its replicas are apart (max − min).
  const kinds = {};
  for (const kind of [...new Set(targets.map((t) => t.kind))]) {
    const mine = targets.filter((t) => t.kind === kind).map((t) => results[t.name]);
    const span = (f) => r3(Math.max(...mine.map(f)) - Math.min(...mine.map(f)));
    kinds[kind] = { ratioVsBare: r3(median(mine.map((m) => m.ratioVsBare))), ratioSpread: span((m) => m.ratioVsBare), jsThreadCpuVsBareUs: r1(median(mine.map((m) => m.jsThreadCpuVsBareUs))), jsThreadCpuSpreadUs: r1(span((m) => m.jsThreadCpuUs)) };
  }
  console.log(JSON.stringify({ machine: machine(), workers, replicas, rounds, block, warmup, loadBefore, loadAfter, kinds, results }, null, 2));
} finally {
  await stopServers(children, dir);
}
