// Types only, without imports: the front end imports them too (web/src/sections/runs/RunLogs.tsx).

/** One step run's log: the lines the step wrote with `ctx.log`, stored with the step run when it ends. */
export interface StepLog {
  stepRunId: string;
  step: string;
  status: string;
  startedAt: number;
  endedAt: number | null;
  /** Empty while the step runs (the runner stores the lines when it ends) and for a cached step. */
  logs: string;
  error: string | null;
  /** A cached step wrote no log: the step run whose outputs it reused. */
  cachedFrom: string | null;
}
