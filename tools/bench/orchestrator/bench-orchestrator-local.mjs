#!/usr/bin/env node
// The embedded orchestrator (`@mlops/orchestrator-local`, what `mlops scheduler` runs) against the
// plain in-process runner (`mlops run`'s runPipeline) on the same project, in the same run:
//  - throughput: one run of N independent empty steps through the orchestrator serving in this
//    process with 1, 2 and 4 step child processes, against the same run by runPipeline; ratio = ours/runner;
//  - latency: trigger (submit) → first step started (its claim), p50/p99 over sequential one-step
//    runs, against runPipeline's call → its step's start.
// Metadata on SQLite under a temporary stateDir (the default), or Postgres with --postgres.
//
//   npx tsc -b tsconfig.build.json && node tools/bench/orchestrator/bench-orchestrator-local.mjs [--steps 80] [--runs 3] [--latency 20] [--postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, numberOption, repoRoot } from '../lib/common.mjs';
import { compareLatency, compareThroughput } from './compare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const core = require(join(repoRoot, 'packages/core/dist/index.js'));
const nSteps = numberOption('steps', 80);
const runs = numberOption('runs', 3);
const nLatency = numberOption('latency', 20);
const postgres = process.argv.includes('--postgres');
const concurrencies = [1, 2, 4];
const configPath = join(here, 'project', 'local.config.mjs');

const dir = mkdtempSync(join(tmpdir(), 'bench-orch-local-'));
const schema = `bench_orch_local_${process.pid}`;
process.env.BENCH_STATE_DIR = join(dir, 'state');
if (postgres) Object.assign(process.env, { BENCH_PG_URL: process.env.MLOPS_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test', BENCH_PG_SCHEMA: schema });
else delete process.env.BENCH_PG_URL;
const config = await core.loadConfig({ configPath });
const runner = await core.createRuntime(config);

/** A fresh runtime whose orchestrator serves in this process with `concurrency` step children (warm). */
async function serving(concurrency) {
  const runtime = await core.createRuntime(config);
  const orchestrator = runtime.get(core.tokens.orchestrator);
  await orchestrator.serveWorker({ configFile: configPath, concurrency });
  await orchestrator.waitForRun((await orchestrator.submit({ pipeline: 'wide', params: { n: concurrency * 2 } })).run.id);
  return { runtime, orchestrator };
}

async function ours(concurrency) {
  const { runtime, orchestrator } = await serving(concurrency);
  const t0 = Date.now();
  const { run } = await orchestrator.submit({ pipeline: 'wide', params: { n: nSteps } });
  const done = await orchestrator.waitForRun(run.id, { timeoutMs: 600_000 });
  await runtime.close();
  if (done.status !== 'succeeded') throw new Error(`bench run ${done.status}: ${done.error}`);
  // Until the run ended in the database (not until waitForRun's poll saw it).
  return nSteps / ((done.endedAt - t0) / 1000);
}

async function plain() {
  const t0 = Date.now();
  const result = await core.runPipeline(runner, 'wide', { params: { n: nSteps } });
  if (result.run.status !== 'succeeded') throw new Error(`runPipeline ${result.run.status}: ${result.error?.message}`);
  return nSteps / ((Date.now() - t0) / 1000);
}

async function latencyOurs() {
  const { runtime, orchestrator } = await serving(1);
  const xs = [];
  for (let i = 0; i < nLatency; i++) {
    const t0 = Date.now();
    const { run } = await orchestrator.submit({ pipeline: 'one' });
    const done = await orchestrator.waitForRun(run.id);
    xs.push(done.steps[0].startedAt - t0);
  }
  await runtime.close();
  return xs;
}

async function latencyPlain() {
  const xs = [];
  for (let i = 0; i < nLatency; i++) {
    const t0 = Date.now();
    let started;
    await core.runPipeline(runner, 'one', { onEvent: (e) => void (e.type === 'step:start' && (started ??= Date.now())) });
    xs.push(started - t0);
  }
  return xs;
}

await plain(); // warm-up: the runner's first run loads what it loads once
const results = await compareThroughput({ levels: concurrencies, label: 'concurrency', runs, base: { name: 'in-process runner', unit: 'steps', key: 'runnerSteps', run: plain }, ours });
results.latencyMs = await compareLatency({ runs, base: { name: 'runPipeline → step start', key: 'runner', run: latencyPlain }, ours: latencyOurs });
console.log(JSON.stringify({ bench: 'orchestrator-local', database: postgres ? 'postgres' : 'sqlite', steps: nSteps, runs, load: loadavg().map((x) => +x.toFixed(2)), machine: machine(), results }, null, 2));

await runner.close();
if (postgres) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
rmSync(dir, { recursive: true, force: true });
process.exit(0);
