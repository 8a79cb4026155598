// The benchmark's project: empty steps, so what is measured is the orchestrator's own cost per step
// (claim, child process round trip, step records, completion) against raw BullMQ jobs.
import { defineConfig, env, pipeline, step } from '@mlops/core';
import { z } from 'zod';

const empty = step({ name: 'empty', cache: false, run: () => ({}) });

export default defineConfig({
  logLevel: 'warn',
  plugins: {
    artifactStore: { use: '@mlops/storage-local', options: { path: env('BENCH_ARTIFACTS') } },
    metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('BENCH_PG_URL'), schema: env('BENCH_PG_SCHEMA') } },
    orchestrator: { use: '@mlops/orchestrator-bullmq', options: { redisUrl: env('BENCH_REDIS_URL'), prefix: env('BENCH_PREFIX'), recoverIntervalMs: 60_000 } },
  },
  pipelines: {
    // n independent empty steps: a fan-out the workers share.
    wide: pipeline({
      name: 'wide',
      params: z.object({ n: z.number().int().positive() }),
      build: (p, { n }) => {
        for (let i = 0; i < n; i++) p.add(empty, { id: `s${i}` });
      },
    }),
    one: pipeline({ name: 'one', build: (p) => void p.add(empty, { id: 'only' }) }),
  },
});
