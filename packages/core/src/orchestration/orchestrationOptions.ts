import { z } from 'zod';

/** Per-step retries: `attempts` in all (1 = no retry), waiting `delayMs × factor^(n-1)` before retry n, at most `maxDelayMs`. */
export const retryPolicySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100).default(3),
  delayMs: z.number().int().min(0).default(1000),
  factor: z.number().min(1).max(10).default(2),
  maxDelayMs: z.number().int().min(0).default(300_000),
});
export type RetryPolicy = z.output<typeof retryPolicySchema>;

/** Retries, timeout and isolation of one step (or the default of all). */
export const stepPolicySchema = z.strictObject({
  retry: retryPolicySchema.default({ attempts: 3, delayMs: 1000, factor: 2, maxDelayMs: 300_000 }),
  /** A step running longer is stopped and counts as a failed attempt. */
  timeoutMs: z.number().int().positive().default(3_600_000),
  /**
   * Where a worker runs the step: `process` (its own long-lived child process, so a CPU-bound step
   * never blocks the worker's event loop, lock renewal or timers, and a timeout kills it) or `inline`
   * (the worker's own process: no IPC round trip, for light steps where the hand-off dominates; a
   * timed-out inline step cannot be killed, its late result is discarded).
   */
  isolation: z.enum(['process', 'inline']).default('process'),
});
export type StepPolicy = z.output<typeof stepPolicySchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A cron schedule of one pipeline. The cron expression itself is checked by the scheduling library when the orchestrator starts. */
export const scheduleSchema = z.strictObject({
  pipeline: z.string().min(1),
  /** Five fields (minute hour day-of-month month day-of-week), or six with seconds first. */
  cron: z.string().min(1),
  /** IANA zone the cron expression is read in, e.g. `Europe/Berlin`. */
  timeZone: z.string().refine(isTimeZone, { message: 'an IANA time zone such as "UTC" or "Europe/Berlin"' }).default('UTC'),
  /** Fire times missed while no scheduler ran: `skip` them, run `once` for the latest, or `backfill` each. */
  catchUp: z.enum(['skip', 'once', 'backfill']).default('skip'),
  params: z.record(z.string(), z.unknown()).default({}),
  /** Most missed intervals a backfill submits (the newest ones). */
  maxBackfill: z.number().int().positive().default(100),
});
export type ScheduleOptions = z.output<typeof scheduleSchema>;

/**
 * Options every orchestrator plugin shares (extend with `.extend({...})` for its own):
 * `schedules` by name, default step policy, per-step overrides keyed `<pipeline>.<step id>`, and limits.
 */
export const orchestrationOptions = z.strictObject({
  schedules: z
    .record(z.string(), scheduleSchema)
    .superRefine((schedules, ctx) => {
      for (const name of Object.keys(schedules)) if (!/^[A-Za-z][\w-]*$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `a schedule name of letters, digits, - or _ starting with a letter, received "${name}"` });
    })
    .default({}),
  defaults: stepPolicySchema.default({ retry: { attempts: 3, delayMs: 1000, factor: 2, maxDelayMs: 300_000 }, timeoutMs: 3_600_000, isolation: 'process' }),
  steps: z
    .record(z.string(), stepPolicySchema.partial())
    .superRefine((steps, ctx) => {
      for (const key of Object.keys(steps)) if (!/^[^.]+\.[^.]+$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `a key "<pipeline>.<step id>", received "${key}"` });
    })
    .default({}),
  /** Steps running at once across all workers of this orchestrator (per worker: its own `concurrency`). */
  maxConcurrentRuns: z.number().int().positive().default(10),
});
export type OrchestrationOptions = z.output<typeof orchestrationOptions>;
