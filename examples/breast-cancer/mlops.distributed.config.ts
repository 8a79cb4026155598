import { defineConfig, env } from '@mlops/core';
import base from './mlops.config';

// The same project on many machines (`mlops -c mlops.distributed.config.ts …` on each): metadata,
// runs, the registry, the prediction log and the orchestrator's run state in Postgres; the step queue
// in Redis (BullMQ); artifacts on S3 when MLOPS_S3_BUCKET is set (else in this folder, which is
// enough for several processes on one machine). Everything else — pipelines, gate, monitor rules,
// server — is mlops.config.ts unchanged: nothing in the pipelines knows which orchestrator runs them.
// The tracker stays: an orchestrated run is announced when a worker plans it and when it ends, so its
// steps autolog into one tracked run, whichever workers ran them.
const shared = base.plugins!;

const artifactStore = process.env.MLOPS_S3_BUCKET
  ? {
      use: '@mlops/storage-s3',
      options: {
        bucket: env('MLOPS_S3_BUCKET'),
        prefix: 'breast-cancer/artifacts',
        // Unset for AWS S3 (set AWS_REGION); MinIO or moto need an endpoint and path-style URLs.
        ...(process.env.MLOPS_S3_ENDPOINT ? { endpoint: env('MLOPS_S3_ENDPOINT'), forcePathStyle: true } : {}),
      },
    }
  : { use: '@mlops/storage-local', options: { path: env('MLOPS_ARTIFACTS', { default: '.mlops/artifacts' }) } };

export default defineConfig({
  ...base,
  plugins: {
    ...shared,
    artifactStore,
    metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('DATABASE_URL'), schema: env('MLOPS_PG_SCHEMA', { default: 'public' }) } },
    orchestrator: {
      use: '@mlops/orchestrator-bullmq',
      options: {
        redisUrl: env('REDIS_URL', { default: 'redis://127.0.0.1:6379' }),
        prefix: env('MLOPS_QUEUE_PREFIX', { default: 'breast-cancer' }),
        // The seed's Airflow skeleton: weekly at 02:00 on Sunday, two retries five minutes apart.
        schedules: { weekly: { pipeline: 'retrain', cron: '0 2 * * 0', timeZone: 'UTC', catchUp: 'once' } },
        defaults: { retry: { attempts: 3, delayMs: Number(process.env.MLOPS_RETRY_DELAY_MS ?? 300_000), factor: 2 }, timeoutMs: 3_600_000 },
        // Bad data does not get better by retrying: the drop's validation fails the run at once.
        steps: { 'retrain.validate-drop': { retry: { attempts: 1 } } },
        // Steps of one run spread over the workers; a few runs at once at most.
        maxConcurrentRuns: 2,
      },
    },
  },
});
