import { orchestrationOptions } from '@mlops/core';
import { z } from 'zod';

/** Options of the embedded orchestrator: the shared orchestration options plus how its one process runs steps. */
export const localOrchestratorOptions = orchestrationOptions
  .extend({
    /** Steps `mlops scheduler` runs at once, each in its own child process. */
    concurrency: z.number().int().positive().max(64).default(2),
    /** How often the scheduler looks in the database for steps submitted by other processes (a CLI, a server's monitor). */
    pollIntervalMs: z.number().int().min(10).default(500),
    /** How often a process running a step tells the database it is alive. */
    heartbeatMs: z.number().int().min(50).default(2000),
    /** A running step whose process has not heartbeated this long (it was killed) is run again. */
    staleAfterMs: z.number().int().min(100).default(15_000),
    /** Upper bound on a child process loading the project, and on planning a run. */
    planTimeoutMs: z.number().int().positive().default(120_000),
  })
  .superRefine((o, ctx) => {
    if (o.staleAfterMs <= o.heartbeatMs * 2) ctx.addIssue({ code: 'custom', path: ['staleAfterMs'], message: `more than twice heartbeatMs (${o.heartbeatMs}), received ${o.staleAfterMs}` });
  });
export type LocalOrchestratorOptions = z.output<typeof localOrchestratorOptions>;
