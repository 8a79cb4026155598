#!/usr/bin/env node
// Orchestrator throughput and latency against raw BullMQ, measured in the same run on our own
// redis-server (nothing on disk) and a fresh Postgres schema:
//  - throughput: N empty steps of one run (a fan-out) through `mlops worker` processes (1, 2, 4),
//    against N empty BullMQ jobs through as many bare BullMQ worker processes; ratio = ours/raw;
//  - latency: trigger (submit) → first step started (the worker's claim), p50/p99 over sequential
//    one-step runs, against raw add → processor start.
//
//  - CPU: worker processes' CPU time (with their step children) per step, the CPU time of the Postgres
//    backends serving their connections (found with `ss -tnp` after the warm-up run), and raw workers' per job.
//
//   npx tsc -b tsconfig.build.json && node tools/bench/orchestrator/bench-orchestrator.mjs [--steps 200] [--runs 3] [--latency 50]
//     [--isolation process|inline] (where the empty steps run: a child process, or the worker itself)
//     [--concurrency 1] (steps each worker, and each raw worker, runs at once) [--workers 1,2,4]
//     [--cpu-prof-dir DIR] (each `mlops worker` writes a V8 CPU profile there when it exits)
//     [--max-steps-per-job N] (the orchestrator's `maxStepsPerJob`: batch dispatch; 1 = one step per job;
//     default: the option's default)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median, numberOption, repoRoot } from '../lib/common.mjs';
import { compareLatency, compareThroughput } from './compare.mjs';
import { postgresBackendsOf, treeCpuMs } from './procCpu.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { Queue, Worker } = require('bullmq');
const IORedis = require('ioredis');
const core = require(join(repoRoot, 'packages/core/dist/index.js'));
const nSteps = numberOption('steps', 200);
const runs = numberOption('runs', 3);
const nLatency = numberOption('latency', 50);
const option = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const isolation = option('isolation', 'process');
if (!['process', 'inline'].includes(isolation)) throw new Error(`--isolation: expected process or inline, received ${isolation}`);
const concurrency = numberOption('concurrency', 1);
const workerCounts = option('workers', '1,2,4').split(',').map(Number);
const profileDir = option('cpu-prof-dir', undefined);
const maxStepsPerJob = option('max-steps-per-job', undefined);
if (maxStepsPerJob !== undefined && !/^[1-9][0-9]*$/.test(maxStepsPerJob)) throw new Error(`--max-steps-per-job: expected a positive integer, received ${maxStepsPerJob}`);
// CPU ms per step (ours) and per job (raw), one sample per timed run, by worker count.
const cpu = { ours: {}, raw: {}, pg: {} };
const cpuSample = (side, workers, ms) => ((cpu[side][workers] ??= []).push(ms));
const configPath = join(here, 'project', 'mlops.config.mjs');
const cliBin = join(repoRoot, 'packages/cli/bin/mlops.js');
const workerArgs = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), cliBin, 'worker', '-c', configPath];

const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startProc(cmd, args, env, readyText) {
  const proc = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    proc.stderr.on('data', (d) => { err += d; if (err.includes(readyText)) resolve(proc); });
    proc.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`)));
  });
}
const stop = (procs) => Promise.all(procs.map((p) => new Promise((r) => { if (p.exitCode !== null) return r(); p.once('exit', r); p.kill('SIGTERM'); })));

const port = await freePort();
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const redisUrl = `redis://127.0.0.1:${port}`;
const conns = [];
const connect = () => { const c = new IORedis(redisUrl, { maxRetriesPerRequest: null }); c.on('error', () => undefined); conns.push(c); return c; };
for (let i = 0; i < 100; i++) { try { const c = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null }); c.on('error', () => undefined); await c.connect(); await c.ping(); c.disconnect(); break; } catch { await sleep(50); } }
const dir = mkdtempSync(join(tmpdir(), 'bench-orch-'));
const schema = `bench_orch_${process.pid}`;
const env = { ...process.env, BENCH_ARTIFACTS: join(dir, 'artifacts'), BENCH_PG_URL: process.env.MLOPS_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test', BENCH_PG_SCHEMA: schema, BENCH_REDIS_URL: redisUrl, BENCH_PREFIX: 'bench', BENCH_ISOLATION: isolation, BENCH_CONCURRENCY: String(concurrency), ...(maxStepsPerJob ? { BENCH_MAX_STEPS_PER_JOB: maxStepsPerJob } : {}) };
Object.assign(process.env, env);
const pgPort = Number(new URL(env.BENCH_PG_URL).port || 5432);
const config = await core.loadConfig({ configPath });
const runtime = await core.createRuntime(config, { slots: ['orchestrator'] });
const orchestrator = runtime.get(core.tokens.orchestrator);

async function ours(workers) {
  const procs = await Promise.all(Array.from({ length: workers }, () => startProc(process.execPath, workerArgs, env, 'taking steps')));
  // Every worker is on the queue, and has read the others (batch sizes follow the live worker slots,
  // which each worker reads once a second), before the warm-up: not timed.
  for (let i = 0; i < 200 && (await orchestrator.queueStatus()).workers.length < workers; i++) await sleep(50);
  await sleep(1100);
  // Warm-up: each worker's child process loads the project once.
  await orchestrator.waitForRun((await orchestrator.submit({ pipeline: 'wide', params: { n: workers * 2 } })).run.id);
  const cpu0 = treeCpuMs(procs.map((p) => p.pid));
  const backends = postgresBackendsOf(procs.map((p) => p.pid), pgPort);
  const pg0 = treeCpuMs(backends);
  const t0 = Date.now();
  const { run } = await orchestrator.submit({ pipeline: 'wide', params: { n: nSteps } });
  const done = await orchestrator.waitForRun(run.id, { timeoutMs: 600_000 });
  cpuSample('ours', workers, (treeCpuMs(procs.map((p) => p.pid)) - cpu0) / nSteps);
  cpuSample('pg', workers, (treeCpuMs(backends) - pg0) / nSteps);
  // Until the run ended in the database (not until waitForRun's poll saw it).
  const seconds = (done.endedAt - t0) / 1000;
  if (done.status !== 'succeeded') throw new Error(`bench run ${done.status}: ${done.error}`);
  await stop(procs);
  return nSteps / seconds;
}

async function raw(workers) {
  const queueName = `raw${workers}-${Date.now()}`;
  const procs = await Promise.all(Array.from({ length: workers }, () => startProc(process.execPath, [join(here, 'rawWorker.mjs'), redisUrl, 'bench', queueName, String(concurrency)], env, 'ready')));
  const queue = new Queue(queueName, { connection: connect(), prefix: 'bench' });
  const cpu0 = treeCpuMs(procs.map((p) => p.pid));
  const t0 = Date.now();
  await queue.addBulk(Array.from({ length: nSteps }, (_, i) => ({ name: 'empty', data: { i } })));
  while ((await queue.getJobCounts('completed')).completed < nSteps) await sleep(5);
  cpuSample('raw', workers, (treeCpuMs(procs.map((p) => p.pid)) - cpu0) / nSteps);
  // Until the last job finished (BullMQ's own timestamp), not until this poll saw it.
  const finished = (await queue.getJobs(['completed'], 0, nSteps)).map((j) => j.finishedOn);
  const seconds = (Math.max(...finished) - t0) / 1000;
  await stop(procs);
  await queue.obliterate({ force: true });
  await queue.close();
  return nSteps / seconds;
}

async function latencyOurs() {
  const [proc] = await Promise.all([startProc(process.execPath, workerArgs, env, 'taking steps')]);
  await orchestrator.waitForRun((await orchestrator.submit({ pipeline: 'one' })).run.id);
  const xs = [];
  for (let i = 0; i < nLatency; i++) {
    const t0 = Date.now();
    const { run } = await orchestrator.submit({ pipeline: 'one' });
    const done = await orchestrator.waitForRun(run.id);
    xs.push(done.steps[0].startedAt - t0);
  }
  await stop([proc]);
  return xs;
}

async function latencyRaw() {
  const queueName = `rawlat-${Date.now()}`;
  const connection = connect();
  const xs = [];
  let resolveStart;
  const worker = new Worker(queueName, async (job) => { resolveStart(Date.now() - job.data.t0); }, { connection: connect(), prefix: 'bench' });
  const queue = new Queue(queueName, { connection, prefix: 'bench' });
  await worker.waitUntilReady();
  for (let i = 0; i < nLatency; i++) {
    const started = new Promise((r) => (resolveStart = r));
    await queue.add('x', { t0: Date.now() });
    xs.push(await started);
  }
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return xs;
}

const results = await compareThroughput({ levels: workerCounts, label: 'workers', runs, base: { name: 'raw BullMQ', unit: 'jobs', key: 'rawJobs', run: raw }, ours });
for (const w of workerCounts) {
  const r = results[`workers=${w}`];
  r.oursCpuMsPerStep = +median(cpu.ours[w]).toFixed(2);
  r.rawCpuMsPerJob = +median(cpu.raw[w]).toFixed(2);
  r.pgCpuMsPerStep = +median(cpu.pg[w]).toFixed(2);
  console.log(`workers=${w}: worker CPU per step ${r.oursCpuMsPerStep} ms (with step children), their Postgres backends ${r.pgCpuMsPerStep} ms; raw BullMQ worker CPU per job ${r.rawCpuMsPerJob} ms`);
}
results.latencyMs = await compareLatency({ runs, base: { name: 'raw add → processor', key: 'raw', run: latencyRaw }, ours: latencyOurs });
console.log(JSON.stringify({ bench: 'orchestrator', steps: nSteps, runs, isolation, concurrency, maxStepsPerJob: maxStepsPerJob === undefined ? 'default' : Number(maxStepsPerJob), load: loadavg().map((x) => +x.toFixed(2)), machine: machine(), results }, null, 2));

await runtime.close();
for (const c of conns) c.disconnect();
redis.kill('SIGKILL');
const pg = require('pg');
const client = new pg.Client({ connectionString: env.BENCH_PG_URL });
await client.connect();
await client.query(`drop schema if exists "${schema}" cascade`);
await client.end();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
