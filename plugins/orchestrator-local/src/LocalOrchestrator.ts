import { hostname } from 'node:os';
import type { Health, QueueStatus } from '@mlops/core';
import { hasInlineSteps, InlineStepRunner, OrchestratorError, runStepAttempt, SqlOrchestrator, StepChildPool, type QueuedJob, type SqlOrchestratorDeps, type StepAttemptDeps, type StepOutcome, type StepRow } from '@mlops/orchestration';
import type { DispatcherRegistry } from './lib/DispatcherRegistry';
import type { LocalOrchestratorOptions } from './options';

export interface LocalOrchestratorDeps extends Omit<SqlOrchestratorDeps, 'host'> {
  dispatchers: DispatcherRegistry;
}

interface Serving {
  pool: StepChildPool;
  inline: InlineStepRunner;
  attempt: StepAttemptDeps;
  role: string;
  concurrency: number;
  poll: NodeJS.Timeout;
  lastBeat: number;
}

/**
 * `tokens.orchestrator` embedded in one process: any process submits (the CLI, a server's monitor),
 * recording the run in the SQL database; the process that serves (`mlops scheduler`, or a foreground
 * `mlops retrain`) fires the schedules and runs ready steps, each in a child process, so a CPU-bound
 * step never blocks its timers. The database is the queue: a killed scheduler leaves its step
 * `running` with a heartbeat that goes stale, and the next one to serve runs it again.
 */
export class LocalOrchestrator extends SqlOrchestrator<LocalOrchestratorOptions> {
  readonly embedded = true;
  readonly workerId = `${hostname()}:${process.pid}`;
  private serving: Serving | undefined;
  private migrated: Promise<unknown> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly wakeTimers = new Set<NodeJS.Timeout>();
  private readyJobs: QueuedJob[] = [];
  private lookInDatabase = true;
  private dispatching = false;
  private again = false;
  private closing = false;

  constructor(
    options: LocalOrchestratorOptions,
    private readonly local: LocalOrchestratorDeps,
  ) {
    super(options, { ...local, host: 'orchestrator:local' });
  }

  // Tables are created on first use: `mlops run` and `mlops serve` load this plugin but may never touch it.
  protected override ready(): Promise<void> {
    this.migrated ??= this.deps.migrate().catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated.then(() => undefined);
  }

  /**
   * Steps this process made ready are handed over in memory (no query per step); the database is the
   * queue for the rest (steps other processes submitted, steps of a dead process), read on each poll.
   */
  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    if (!this.serving) return;
    const now = Date.now();
    for (const j of jobs) if (j.notBefore !== null && j.notBefore > now) this.wakeAt(j.notBefore - now);
    this.readyJobs.push(...jobs);
    if (jobs.length) this.wake();
  }

  private wakeAt(ms: number): void {
    const t = setTimeout(() => {
      this.wakeTimers.delete(t);
      this.wake();
    }, ms);
    this.wakeTimers.add(t);
  }

  /** Starts ready steps; with `fromDatabase`, also looks in the database (a poll, or steps left over). */
  private wake(fromDatabase = false): void {
    if (!this.serving || this.closing) return;
    this.lookInDatabase ||= fromDatabase;
    if (this.dispatching) return void (this.again = true);
    this.dispatching = true;
    void this.dispatch()
      .catch((error: unknown) => {
        this.lookInDatabase = true;
        this.deps.logger.warn(`could not look for ready steps (retried in ${this.options.pollIntervalMs} ms): ${(error as Error).message}`);
      })
      .finally(() => {
        this.dispatching = false;
        if (!this.again) return;
        this.again = false;
        this.wake();
      });
  }

  /** Starts ready steps while slots are free: queued ones past their backoff, and (from the database) running ones whose process died. */
  private async dispatch(): Promise<void> {
    const serving = this.serving!;
    const now = Date.now();
    if (now - serving.lastBeat >= this.options.heartbeatMs) {
      serving.lastBeat = now;
      await this.local.dispatchers.heartbeat(this.workerId, now);
    }
    const due = (j: { notBefore: number | null }) => (j.notBefore ?? 0) <= now;
    const candidates: { runId: string; stepId: string; jobId: string | null }[] = this.readyJobs.filter(due);
    this.readyJobs = this.readyJobs.filter((j) => !due(j));
    const fromDatabase = this.lookInDatabase;
    this.lookInDatabase = false;
    if (fromDatabase) candidates.push(...(await this.deps.store.liveSteps(now - this.options.staleAfterMs)).filter(due));
    for (const [i, step] of candidates.entries()) {
      if (this.closing) return;
      if (this.inFlight.size >= serving.concurrency) {
        // Kept for the next free slot: in memory, or by looking in the database again.
        for (const rest of candidates.slice(i)) if (rest.jobId !== null) this.readyJobs.push({ jobId: rest.jobId, runId: rest.runId, stepId: rest.stepId, notBefore: null });
        this.lookInDatabase ||= fromDatabase;
        return;
      }
      const k = key(step);
      if (this.inFlight.has(k)) continue;
      const jobId = step.jobId ?? (await this.deps.store.replaceJob(step.runId, step.stepId, null));
      if (!jobId) continue;
      const attempt = runStepAttempt(jobId, { runId: step.runId, stepId: step.stepId }, serving.attempt)
        .catch((error: unknown) => void this.deps.logger.error(`run ${step.runId}: step "${step.stepId}" could not be recorded (it runs again once its heartbeat is stale): ${(error as Error).message}`))
        .then(() => {
          this.inFlight.delete(k);
          this.wake();
        });
      this.inFlight.set(k, attempt);
    }
  }

  /** Runs submitted steps from this process until closed (`mlops worker`, a foreground `mlops retrain`). */
  async serveWorker(options: { configFile: string; concurrency?: number }, role = 'worker'): Promise<void> {
    if (this.serving) return;
    if (typeof options?.configFile !== 'string') throw new OrchestratorError('serve.configFile', 'the path of the config file the step processes load', JSON.stringify(options?.configFile));
    await this.ready();
    await this.reconcileEndedRuns(Date.now(), this.options.staleAfterMs).catch((error: unknown) => this.deps.logger.warn(`could not end the records of runs that ended: ${(error as Error).message}`));
    const concurrency = options.concurrency ?? this.options.concurrency;
    const pool = new StepChildPool(concurrency, options.configFile);
    const inline = new InlineStepRunner(options.configFile);
    // Children (and this process, if steps run inline) load the project before the first step, not during it.
    await Promise.all([pool.warm(), hasInlineSteps(this.options) ? inline.warm() : undefined]);
    const attempt: StepAttemptDeps = {
      store: this.deps.store,
      pool,
      inline,
      options: { ...this.options, takeOverAfterMs: this.options.staleAfterMs },
      logger: this.deps.logger,
      worker: this.workerId,
      settle: (o: StepOutcome) => this.settle(o),
    };
    const now = Date.now();
    await this.local.dispatchers.register(this.workerId, role, now);
    this.serving = { pool, inline, attempt, role, concurrency, lastBeat: now, poll: setInterval(() => this.wake(true), this.options.pollIntervalMs) };
    // Runs a process submitted but could not start (the limit was full) start here once slots free.
    await this.admit();
    this.wake();
  }

  /** `mlops scheduler`: fires the schedules (catching up first) and runs every submitted step, until closed. */
  async serveScheduler(options?: { configFile: string; concurrency?: number }): Promise<void> {
    if (!options) throw new OrchestratorError('serveScheduler.configFile', 'the path of the config file the step processes load (the local orchestrator runs steps in the scheduler)', 'nothing');
    await this.serveWorker(options, 'scheduler');
    await this.startSchedules();
  }

  async queueStatus(): Promise<QueueStatus> {
    await this.ready();
    const now = Date.now();
    const [jobs, runs, workers] = await Promise.all([this.deps.store.stepCounts(now), this.deps.store.countRuns(), this.local.dispatchers.live(now - this.options.staleAfterMs)]);
    return { jobs, runs, workers: workers.map((w) => ({ id: `${w.id} (${w.role})`, startedAt: w.startedAt })) };
  }

  health(): Health {
    return { ok: true, detail: this.serving ? `embedded, ${this.serving.role} ${this.workerId} running up to ${this.serving.concurrency} steps` : 'embedded (steps run in `mlops scheduler`)' };
  }

  /** Graceful: stops firing and taking steps, lets running steps finish, then ends the child processes. */
  async close(): Promise<void> {
    this.closing = true;
    await this.stopSchedules();
    const serving = this.serving;
    if (!serving) return;
    clearInterval(serving.poll);
    for (const t of this.wakeTimers) clearTimeout(t);
    await Promise.all(this.inFlight.values());
    await Promise.all([serving.pool.close(), serving.inline.close()]);
    await this.local.dispatchers.remove(this.workerId).catch(() => undefined);
    this.serving = undefined;
  }
}

const key = (s: Pick<StepRow, 'runId' | 'stepId'>) => `${s.runId}\u0000${s.stepId}`;
