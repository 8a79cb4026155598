#!/usr/bin/env node
// One-row /predict at a low fixed rate, several servers probed in the same rounds: `mlops serve` of
// this tree, optionally `mlops serve` of another built tree (`--old DIR`, e.g. a copy of main, to
// compare builds in the same minutes), and the bare node:http + onnxruntime handler
// (bare-server.mjs). One worker each, micro-batching on, one keep-alive connection per server. Each
// round sends one request to every server in turn (the first server rotating). The run is cut into
// blocks; per block and server: the median latency and the CPU time the server spent per request,
// from /proc (schedstat: nanoseconds on CPU), for its JavaScript thread (tid = pid) and for all its
// threads. CPU per request hardly moves with the machine's load, unlike latency; both are given as
// medians over blocks, and as the difference from the bare handler's in the same block.
//   npx tsc -b plugins/server plugins/runtime-onnx packages/cli plugins/trainer-gbdt packages/onnx
// Before and after the blocks, an idle window (`--idle` seconds, no requests; keep it under node's
// 5 s keep-alive timeout) measures each server's background CPU (timers: prom-client's
// event-loop-lag sampler wakes `mlops serve` 100 times a second); `jsThreadNetCpuUs` is the
// JavaScript thread's CPU per request less that background's share.
//   node tools/bench/serving/bench-fixed-rate.mjs [--rate 200] [--blocks 6] [--block 1000] [--warmup 2000] [--idle 3] [--old DIR] [--env-NAME K=V,K=V] [--inside 1] [--pin C,S] [--public-run 0]
// --env-serve / --env-old / --env-bare add environment variables to that server (e.g. temporary switches).
// --extra NAME=K=V,K=V adds another `mlops serve` of this tree, named NAME, with those variables.
// --inside 1 adds one more `mlops serve` process of this tree that also serves, on other ports, the
// bare handler and two steps from it towards the server's /predict (bare-inside.mjs, a preload),
// probed on all four: `inside` (the bare handler), `in-engine` (the served model's scanner, batcher
// and runtime, bare JSON out), `in-answer` (the same with the server's writer) and `in-serve` (the
// server's own /predict). `inside` − `bare` is what the environment costs (flags, timers, heap,
// modules); the steps split what our handler and engine path cost, in one process. They share the
// process, so their CPU figures are the process's for all four requests of a round (use --rate 100).
// --pin C,S runs this client on CPU C and every server on CPU S (taskset): the servers then never
// wait for the client's CPU after its request wakes them (the scheduler may otherwise wake a server
// on the client's CPU), so a p50 gap that pinning removes lies in where the wake-ups land.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, median, numberOption, repoRoot, stringOption } from '../lib/common.mjs';
import { predictOnce, prepareServedModel, startAnswering, stopServers } from '../lib/serveBench.mjs';

const args = process.argv.slice(2);
const rate = numberOption('rate', 200);
const blocks = numberOption('blocks', 6);
const blockRounds = numberOption('block', 1000);
const warmup = numberOption('warmup', 2000);
const idleSeconds = numberOption('idle', 3);
const envOf = (text) => Object.fromEntries((text ?? '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-fixed-rate-'));
const body = JSON.stringify(await prepareServedModel(dir, { trainRows: 20_000 }));
const configOf = (runtime) => `import { defineConfig } from '@mlops/core';\nexport default defineConfig({ logLevel: 'warn', plugins: { modelRuntime: ${runtime}, server: { use: '@mlops/server', options: { microBatch: { enabled: true } } } } });\n`;
const config = configOf(`'@mlops/runtime-onnx'`);

/** A project folder whose node_modules is `tree`'s: plugins are resolved from the project, so each tree serves its own build. */
function project(name, tree, text = config) {
  const p = join(dir, name);
  execFileSync('mkdir', ['-p', p]);
  writeFileSync(join(p, 'mlops.config.ts'), text);
  symlinkSync(join(tree, 'node_modules'), join(p, 'node_modules'), 'dir');
  return p;
}

let port = 18440;
const serveTarget = (name, tree, env, text) => {
  const p = project(name, tree, text);
  const at = port++;
  return { name, port: at, cwd: p, env, argv: [join(tree, 'packages/cli/bin/mlops.js'), '-c', join(p, 'mlops.config.ts'), 'serve', '--model-file', join(dir, 'model.onnx'), '--signature', join(dir, 'signature.json'), '--port', String(at), '--workers', '1'] };
};
const targets = [serveTarget('serve', repoRoot, envOf(stringOption('env-serve')))];
const old = stringOption('old');
if (old) targets.push(serveTarget('old', old, envOf(stringOption('env-old'))));
for (let i = 0; i < args.length; i++) {
  if (args[i] !== '--extra') continue;
  const spec = args[i + 1];
  targets.push(serveTarget(spec.slice(0, spec.indexOf('=')), repoRoot, envOf(spec.slice(spec.indexOf('=') + 1))));
}
// --public-run 1: also `servepub`, `mlops serve` of this tree with the ONNX runtime's `nativeRun: false`.
if (numberOption('public-run', 0) === 1) targets.push(serveTarget('servepub', repoRoot, {}, configOf(`{ use: '@mlops/runtime-onnx', options: { nativeRun: false } }`)));
if (numberOption('inside', 0) === 1) {
  const t = serveTarget('inside', repoRoot, {});
  const servePort = t.port;
  t.port = port;
  port += 3;
  t.readyPorts = [servePort, t.port, t.port + 1, t.port + 2];
  t.env = { MLOPS_BENCH_BARE_PORT: String(t.port), MLOPS_BENCH_BARE_MODEL: join(dir, 'model.onnx') };
  targets.push(t, { name: 'in-engine', port: t.port + 1, processOf: t }, { name: 'in-answer', port: t.port + 2, processOf: t }, { name: 'in-serve', port: servePort, processOf: t });
}
const barePort = port++;
targets.push({ name: 'bare', port: barePort, cwd: dir, env: envOf(stringOption('env-bare')), argv: [join(import.meta.dirname, 'bare-server.mjs'), join(dir, 'model.onnx'), String(barePort), '1'] });
const timed = numberOption('inside', 0) === 1 ? targets.filter((t) => !t.processOf) : [];
// With --inside, every server process also times its requests inside itself (bare-inside.mjs).
for (const t of timed) {
  t.timing = join(dir, `${t.name}-timing.jsonl`);
  t.env = { ...t.env, NODE_OPTIONS: `--import=${join(import.meta.dirname, 'bare-inside.mjs')}`, MLOPS_BENCH_BARE_TIMING: t.timing };
}

const once = (t, agent) => predictOnce(t.port, body, agent);

/** Nanoseconds on CPU: the JavaScript thread's, and all threads' together. */
function cpuNs(pid) {
  let all = 0;
  let main = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns = 0;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // the thread ended
    }
    all += ns;
    if (Number(tid) === pid) main = ns;
  }
  return { main, all };
}

/** `n` rounds at `rate` rounds/s over `agents`; per target: latencies (µs) and CPU ns over the rounds. */
async function rounds(n, agents, offset) {
  const latencies = targets.map(() => []);
  const before = targets.map((t) => cpuNs(t.pid));
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let k = 0; k < targets.length; k++) {
      const j = (i + offset + k) % targets.length;
      latencies[j].push(await once(targets[j], agents[j]));
    }
  }
  const after = targets.map((t) => cpuNs(t.pid));
  return targets.map((_, j) => ({ p50: median(latencies[j]), mainUs: (after[j].main - before[j].main) / 1e3 / n, allUs: (after[j].all - before[j].all) / 1e3 / n }));
}

const pin = stringOption('pin')?.split(',');
if (pin) execFileSync('taskset', ['-a', '-p', '-c', pin[0], String(process.pid)], { stdio: 'ignore' });
const children = [];
try {
  for (const t of targets) {
    if (t.processOf) t.pid = t.processOf.pid;
    else await startAnswering(t, children, { cwd: t.cwd, env: t.env, cpus: pin?.[1] }, body);
    console.error(`${t.name}: pid ${t.pid}, port ${t.port}`);
  }
  const load0 = execFileSync('uptime', { encoding: 'utf8' }).trim();
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  if (warmup > 0) await rounds(warmup, agents, 0);
  /** Each server's JavaScript-thread CPU per second over `idleSeconds` without requests (ms/s). */
  const idle = async () => {
    const before = targets.map((t) => cpuNs(t.pid).main);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    return targets.map((t, j) => (cpuNs(t.pid).main - before[j]) / 1e6 / idleSeconds);
  };
  const idleBefore = idleSeconds > 0 ? await idle() : undefined;
  const perBlock = [];
  // The processes' own timings restart with each block (SIGUSR2 writes and clears them).
  const cut = async () => {
    if (!timed.length) return;
    for (const t of timed) process.kill(t.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 50));
  };
  await cut();
  for (let b = 0; b < blocks; b++) {
    perBlock.push(await rounds(blockRounds, agents, b));
    await cut();
  }
  const idleAfter = idleSeconds > 0 ? await idle() : undefined;
  for (const a of agents) a.destroy();
  const bare = targets.length - 1;
  const summary = {};
  targets.forEach((t, j) => {
    const col = (f) => perBlock.map((r) => f(r[j], r[bare]));
    summary[t.name] = {
      env: t.env,
      p50Us: Math.round(median(col((r) => r.p50))),
      p50VsBareUs: Math.round(median(col((r, b) => r.p50 - b.p50))),
      p50VsBarePerBlock: col((r, b) => Math.round(r.p50 - b.p50)),
      jsThreadCpuUs: Math.round(median(col((r) => r.mainUs))),
      jsThreadCpuPerBlock: col((r) => Math.round(r.mainUs)),
      jsThreadCpuVsBareUs: Math.round(median(col((r, b) => r.mainUs - b.mainUs))),
      ...(idleBefore && idleAfter
        ? {
            idleCpuMsPerS: [Number(idleBefore[j].toFixed(2)), Number(idleAfter[j].toFixed(2))],
            // ms/s of background at `rate` requests/s: (ms/s × 1000) / rate µs per request.
            jsThreadNetCpuUs: Math.round(median(col((r) => r.mainUs)) - (((idleBefore[j] + idleAfter[j]) / 2) * 1000) / rate),
          }
        : {}),
      allThreadsCpuUs: Math.round(median(col((r) => r.allUs))),
      // The steps inside the `inside` process against its bare handler, in the same rounds and process.
      ...(t.processOf ? { p50VsInsideUs: Math.round(median(perBlock.map((r) => r[j].p50 - r[targets.indexOf(t.processOf)].p50))) } : {}),
    };
  });
  if (timed.length) {
    // Per block and server: its median from the request event to the tick after res.end inside its process (µs), and the difference from the bare handler's.
    const blocksOf = (t) => readFileSync((t.processOf ?? t).timing, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l)[t.port]);
    const bareUs = blocksOf(targets[targets.length - 1]);
    for (const t of targets) {
      const us = blocksOf(t);
      summary[t.name].inProcessUs = Math.round(median(us));
      summary[t.name].inProcessVsBareUs = Math.round(median(us.map((u, b) => u - bareUs[b])));
      summary[t.name].inProcessVsBarePerBlock = us.map((u, b) => Math.round(u - bareUs[b]));
    }
  }
  console.log(JSON.stringify({ machine: machine(), pin: pin ? { client: pin[0], servers: pin[1] } : undefined, loadBefore: load0, loadAfter: execFileSync('uptime', { encoding: 'utf8' }).trim(), rate, blocks, blockRounds, warmup, results: summary }, null, 2));
} finally {
  await stopServers(children, dir);
}
