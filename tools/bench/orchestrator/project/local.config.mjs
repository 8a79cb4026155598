// bench-orchestrator-local.mjs: the embedded orchestrator on the defaults (SQLite metadata and a local
// artifact folder under stateDir), or on Postgres metadata when BENCH_PG_URL is set.
import { defineConfig, env } from '@mlops/core';
import { pipelines } from './pipelines.mjs';

const postgres = process.env.BENCH_PG_URL ? { metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('BENCH_PG_URL'), schema: env('BENCH_PG_SCHEMA') } } } : {};

export default defineConfig({
  logLevel: 'warn',
  stateDir: env('BENCH_STATE_DIR'),
  plugins: { ...postgres, orchestrator: { use: '@mlops/orchestrator-local', options: { concurrency: Number(process.env.BENCH_CONCURRENCY ?? 1) } } },
  pipelines,
});
