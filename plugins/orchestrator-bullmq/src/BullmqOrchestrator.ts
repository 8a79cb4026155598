import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Health, QueueStatus } from '@mlops/core';
import { batchSize, hasInlineSteps, planStep, InlineStepRunner, OrchestratorError, runStepAttempt, SqlOrchestrator, StepChildPool, type QueuedJob, type SqlOrchestratorDeps, type StepJobData, type StepOutcome } from '@mlops/orchestration';
import { recoverJobs } from './lib/recoverJobs';
import type { BullmqOrchestratorOptions } from './options';

export type BullmqOrchestratorDeps = Omit<SqlOrchestratorDeps, 'host'>;

/**
 * `tokens.orchestrator` on BullMQ. Every process (CLI, server, monitor) submits through it; `serveWorker`
 * makes this process an `mlops worker` that takes steps from the queue, and `serveScheduler` fires
 * the configured cron schedules. The SQL database is the source of truth; Redis only carries jobs,
 * and every worker re-enqueues from the database what Redis lost.
 */
export class BullmqOrchestrator extends SqlOrchestrator<BullmqOrchestratorOptions> {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private pool: StepChildPool | undefined;
  private inline: InlineStepRunner | undefined;
  private recoverTimer: NodeJS.Timeout | undefined;
  private recovering = false;
  private readonly connections: IORedis[] = [];
  readonly workerId = `${hostname()}:${process.pid}`;
  /** Live worker slots (the sum of the queue's workers' concurrency) at the last read, 0 when unknown; see `stepsPerJob`. */
  private slots = 0;
  private slotsPending: Promise<void> | undefined;

  constructor(options: BullmqOrchestratorOptions, deps: BullmqOrchestratorDeps) {
    super(options, { ...deps, host: `orchestrator:${options.queue}` });
  }

  private connect(): IORedis {
    // null: commands wait for a reconnect instead of failing (BullMQ requires it for workers), so a
    // Redis restart pauses the queue instead of failing jobs.
    const c = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on('error', () => undefined);
    this.connections.push(c);
    return c;
  }

  async start(): Promise<void> {
    await this.deps.migrate();
    this.queue = new Queue(this.options.queue, { connection: this.connect(), prefix: this.options.prefix });
    this.queue.on('error', () => undefined);
  }

  /**
   * Puts jobs on the queue in one round trip; steps that share a job id (a batch) go as one job listing
   * them. A failure is logged: the recovery pass re-enqueues from the database.
   */
  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    if (!jobs.length) return;
    const queue = this.requireQueue();
    const now = Date.now();
    const byJob = new Map<string, QueuedJob[]>();
    for (const j of jobs) {
      const group = byJob.get(j.jobId);
      if (group) group.push(j);
      else byJob.set(j.jobId, [j]);
    }
    const bulk = [...byJob.values()].map((group) => {
      const [j] = group;
      const data: StepJobData = group.length > 1 ? { runId: j.runId, stepId: j.stepId, stepIds: group.map((g) => g.stepId) } : { runId: j.runId, stepId: j.stepId };
      const notBefore = Math.max(...group.map((g) => g.notBefore ?? 0));
      return { name: 'step', data, opts: { jobId: j.jobId, delay: Math.max(0, notBefore - now), removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } } };
    });
    try {
      await queue.addBulk(bulk);
    } catch (error) {
      const what = jobs.length === 1 ? `step "${jobs[0].stepId}" of run ${jobs[0].runId}` : `${jobs.length} steps (of run ${jobs[0].runId}${new Set(jobs.map((j) => j.runId)).size > 1 ? ' and others' : ''})`;
      this.deps.logger.warn(`could not queue ${what} (${(error as Error).message}); they are re-queued from the database by the next recovery pass`);
    }
  }

  private requireQueue(): Queue {
    if (!this.queue) throw new OrchestratorError('orchestrator', 'a started orchestrator (the runtime starts it)', 'one not started or already closed');
    return this.queue;
  }

  async queueStatus(): Promise<QueueStatus> {
    const queue = this.requireQueue();
    const [jobs, runs, workers] = await Promise.all([queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'), this.deps.store.countRuns(), queue.getWorkers()]);
    return { jobs, runs, workers: workers.map((w) => ({ id: parseWorkerName(String(w.name ?? w.id ?? 'unknown')).id })) };
  }

  /**
   * Steps per job for `ready` steps of one run ready at once: see `maxStepsPerJob`. The live slots
   * are the queue's workers (BullMQ's `getWorkers`, Redis `CLIENT LIST`), each counted at the
   * concurrency its name carries, read afresh each time more than one step is to be queued: a count
   * read earlier can miss workers that started since, and too few slots would put a whole fan-out in
   * one job (one worker). Unknown (the read failed, or no worker): one step per job.
   */
  async stepsPerJob(ready: number): Promise<number> {
    if (this.options.maxStepsPerJob <= 1 || ready <= 1) return 1;
    await this.refreshSlots();
    return batchSize(ready, this.slots, this.options.maxStepsPerJob);
  }

  /**
   * `stepsPerJob` for a planning job: the live slots are read when the job starts, alongside the
   * planning (a read started then is as fresh for its first steps, and no longer holds them back by a
   * round trip to Redis after the plan).
   */
  private planningStepsPerJob(): (ready: number) => Promise<number> {
    if (this.options.maxStepsPerJob <= 1) return async () => 1;
    const read = this.refreshSlots();
    return async (ready) => {
      if (ready <= 1) return 1;
      await read;
      return batchSize(ready, this.slots, this.options.maxStepsPerJob);
    };
  }

  private refreshSlots(): Promise<void> {
    this.slotsPending ??= (async () => {
      try {
        const workers = await this.requireQueue().getWorkers();
        this.slots = workers.reduce((n, w) => n + parseWorkerName(String(w.name ?? '')).concurrency, 0);
      } catch {
        // Unknown: one step per job until a read succeeds.
        this.slots = 0;
      } finally {
        this.slotsPending = undefined;
      }
    })();
    return this.slotsPending;
  }

  /** Fires the configured schedules from this process (`mlops scheduler`) until closed; safe to run in more than one. */
  async serveScheduler(): Promise<void> {
    await this.startSchedules();
  }

  /** Makes this process a worker (`mlops worker`): takes steps from the queue until closed. */
  async serveWorker(options: { configFile: string; concurrency?: number }): Promise<void> {
    if (this.worker) return;
    const concurrency = options.concurrency ?? this.options.concurrency;
    this.pool = new StepChildPool(concurrency, options.configFile);
    this.inline = new InlineStepRunner(options.configFile);
    // Children (and this process, if steps run inline) load the project before this worker takes a
    // job: a cold start (seconds on a busy machine) would hold a job that a warm worker could run now.
    await Promise.all([this.pool.warm(), hasInlineSteps(this.options) ? this.inline.warm() : undefined]);
    const deps = {
      store: this.deps.store,
      pool: this.pool,
      inline: this.inline,
      options: { ...this.options, heartbeatMs: Math.max(100, Math.floor(this.options.lockDurationMs / 3)) },
      logger: this.deps.logger,
      worker: this.workerId,
      settle: (o: StepOutcome) => this.settle(o),
      stepsPerJob: (ready: number) => this.stepsPerJob(ready),
    };
    const processor = async (job: Job<StepJobData>) => {
      const planning = job.data.stepId === planStep && !job.data.stepIds;
      await runStepAttempt(job.id!, job.data, planning ? { ...deps, stepsPerJob: this.planningStepsPerJob() } : deps);
    };
    this.worker = new Worker<StepJobData>(this.options.queue, processor, {
      connection: this.connect(),
      prefix: this.options.prefix,
      concurrency,
      // The concurrency rides in the name: other processes count live slots from it (batch sizes).
      name: `${this.workerId}${concurrencyMark}${concurrency}`,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.stalledIntervalMs,
      // Retries are the database's business (attempt counts, backoff): BullMQ must never fail a
      // stalled job on its own, it redelivers it and the claim decides.
      maxStalledCount: 1_000_000,
    });
    this.worker.on('error', (error) => this.deps.logger.debug(`worker: ${error.message}`));
    const recover = async () => {
      if (this.recovering) return;
      this.recovering = true;
      try {
        await this.deps.store.cancelOrphans(Date.now() - this.options.lockDurationMs, Date.now());
        await this.reconcileEndedRuns(Date.now(), this.options.lockDurationMs);
        const n = await recoverJobs(this.deps.store, this.requireQueue(), (jobs) => this.enqueue(jobs), this.options.lockDurationMs);
        if (n) this.deps.logger.warn(`re-enqueued ${n} step${n === 1 ? '' : 's'} whose job the queue had lost (Redis restarted or evicted keys)`);
        await this.admit();
      } catch (error) {
        this.deps.logger.warn(`recovery pass failed (retried in ${this.options.recoverIntervalMs} ms): ${(error as Error).message}`);
      } finally {
        this.recovering = false;
      }
    };
    await recover();
    this.recoverTimer = setInterval(() => void recover(), this.options.recoverIntervalMs);
  }

  health(): Health {
    return this.queue ? { ok: true, detail: `queue ${this.options.prefix}:${this.options.queue}${this.worker ? `, worker ${this.workerId}` : ''}` } : { ok: false, detail: 'not started' };
  }

  /** Graceful: stops taking jobs, lets running steps finish, then closes children and connections. */
  async close(): Promise<void> {
    clearInterval(this.recoverTimer);
    await this.stopSchedules();
    await this.worker?.close();
    await Promise.all([this.pool?.close(), this.inline?.close()]);
    await this.queue?.close();
    for (const c of this.connections) c.disconnect();
    this.worker = undefined;
    this.queue = undefined;
  }
}

const concurrencyMark = '~c';

/** A worker's id and concurrency from its BullMQ name (`host:pid~cN`; a name without the mark counts as 1). */
export function parseWorkerName(name: string): { id: string; concurrency: number } {
  const at = name.lastIndexOf(concurrencyMark);
  const n = at < 0 ? NaN : Number(name.slice(at + concurrencyMark.length));
  return Number.isInteger(n) && n > 0 ? { id: name.slice(0, at), concurrency: n } : { id: name, concurrency: 1 };
}
