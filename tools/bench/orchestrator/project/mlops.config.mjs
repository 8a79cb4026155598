// bench-orchestrator.mjs: the BullMQ orchestrator, Postgres metadata, a local artifact folder. Where
// steps run (BENCH_ISOLATION: process or inline), each worker's concurrency and `maxStepsPerJob` come from the bench.
import { defineConfig, env } from '@mlops/core';
import { pipelines } from './pipelines.mjs';

export default defineConfig({
  logLevel: 'warn',
  plugins: {
    artifactStore: { use: '@mlops/storage-local', options: { path: env('BENCH_ARTIFACTS') } },
    metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('BENCH_PG_URL'), schema: env('BENCH_PG_SCHEMA') } },
    orchestrator: {
      use: '@mlops/orchestrator-bullmq',
      options: { redisUrl: env('BENCH_REDIS_URL'), prefix: env('BENCH_PREFIX'), recoverIntervalMs: 60_000, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 1), defaults: { isolation: process.env.BENCH_ISOLATION ?? 'process' }, ...(process.env.BENCH_MAX_STEPS_PER_JOB ? { maxStepsPerJob: Number(process.env.BENCH_MAX_STEPS_PER_JOB) } : {}) },
    },
  },
  pipelines,
});
