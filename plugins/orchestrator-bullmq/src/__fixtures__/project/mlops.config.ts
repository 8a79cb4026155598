import { defineConfig, env } from '@mlops/core';
import { chain, fanout, hang, inline, inlinehang, retrying, wide } from './steps';

// Every step of the `inline` pipeline runs in the worker's process.
const inlineSteps = Object.fromEntries(Array.from({ length: 32 }, (_, k) => [`inline.light-${k}`, { isolation: 'inline' as const }]));

// Shared by the test process and the `mlops worker` processes it starts: everything that must be
// unique per test comes from the environment.
export default defineConfig({
  logLevel: 'warn',
  plugins: {
    // On S3 (moto_server) when the test names a bucket: workers then share nothing but the services.
    artifactStore: process.env.ORCH_TEST_S3_BUCKET
      ? { use: '@mlops/storage-s3', options: { bucket: env('ORCH_TEST_S3_BUCKET'), prefix: 'orch/artifacts', endpoint: env('ORCH_TEST_S3_ENDPOINT'), forcePathStyle: true } }
      : { use: '@mlops/storage-local', options: { path: env('ORCH_TEST_ARTIFACTS') } },
    metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('ORCH_TEST_PG_URL'), schema: env('ORCH_TEST_PG_SCHEMA') } },
    orchestrator: {
      use: '@mlops/orchestrator-bullmq',
      options: {
        redisUrl: env('ORCH_TEST_REDIS_URL'),
        prefix: env('ORCH_TEST_PREFIX'),
        // Short, so a SIGKILLed worker's job is taken over within seconds; not shorter, since a worker
        // starved of CPU for 2 s on a loaded 2-core CI machine lost its lock and its step ran twice.
        lockDurationMs: 6000,
        stalledIntervalMs: 1000,
        recoverIntervalMs: 500,
        defaults: { retry: { attempts: 3, delayMs: 200, factor: 2, maxDelayMs: 2000 }, timeoutMs: 60_000 },
        steps: { 'retrying.flaky': { retry: { attempts: 4, delayMs: 300, factor: 2, maxDelayMs: 5000 } }, 'hang.stuck': { timeoutMs: 4000, retry: { attempts: 2, delayMs: 100 } }, 'inlinehang.sleepy': { isolation: 'inline', timeoutMs: 1000, retry: { attempts: 2, delayMs: 100 } }, ...inlineSteps },
        schedules: { nightly: { pipeline: 'fanout', cron: '0 2 * * *', timeZone: 'Europe/Berlin', catchUp: 'backfill', params: { parts: 2, ms: 0 } } },
      },
    },
  },
  pipelines: { fanout, chain, retrying, hang, inline, inlinehang, wide },
});
