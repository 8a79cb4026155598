import { orchestrationOptions } from '@mlops/core';
import { z } from 'zod';

/** Options of the BullMQ orchestrator: the shared orchestration options plus Redis and worker tuning. */
export const bullmqOrchestratorOptions = orchestrationOptions.extend({
  /** Redis URL; `${REDIS_URL}` in the config reads it from the environment. */
  redisUrl: z.string().refine((v) => /^rediss?:\/\//.test(v), { message: 'a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  /** Key prefix of every BullMQ key (one per deployment sharing a Redis). */
  prefix: z.string().refine((v) => /^[A-Za-z0-9_-]+$/.test(v), { message: 'letters, digits, - or _ (BullMQ keys use ":" as separator)' }).default('mlops'),
  /** Queue name (one per deployment sharing a prefix). */
  queue: z.string().refine((v) => /^[A-Za-z0-9_-]+$/.test(v), { message: 'letters, digits, - or _ (BullMQ keys use ":" as separator)' }).default('pipeline-steps'),
  /** Steps one `mlops worker` runs at once, each in its own child process. */
  concurrency: z.number().int().positive().max(256).default(1),
  /** How long a worker's job lock lasts without renewal; renewed every half of it. */
  lockDurationMs: z.number().int().min(500).default(30_000),
  /** How often workers look for jobs whose worker stopped renewing its lock (died). */
  stalledIntervalMs: z.number().int().min(200).default(30_000),
  /** How often every worker re-enqueues, from the database, steps whose job Redis lost (restart, eviction). */
  recoverIntervalMs: z.number().int().min(100).default(10_000),
  /**
   * Batch dispatch: steps of one run that become ready together (a plan's first steps, the dependents
   * a completion releases) go out in jobs of up to this many steps, sized so every live worker slot
   * gets work (ceil(ready / slots), in a multiple of the slots). A worker claims a job's steps in one
   * statement and runs them one after another. 1: one step per job. Each job costs a worker a claim
   * and a group commit that waits for the disk: 64 gives a fan-out of up to 64 steps per worker slot
   * one job a slot; lower spreads long steps of uneven length better.
   */
  maxStepsPerJob: z.number().int().min(1).max(256).default(64),
  /** Upper bound on a child process loading the project, and on planning a run (loading the pipeline, validating params). */
  planTimeoutMs: z.number().int().positive().default(120_000),
});
export type BullmqOrchestratorOptions = z.output<typeof bullmqOrchestratorOptions>;
