import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { createId, type Health, type Logger, type MetadataStore, type Orchestrator, type OrchestratedRun, type QueueStatus, type RunHistoryQuery, type ScheduleState, type SubmitRunRequest, type SubmitRunResult } from '@mlops/core';
import { CronScheduler, createCronSchedule, systemClock, type Clock, type NamedSchedule } from '@mlops/schedule';
import { OrchestratorError } from './errors';
import { processStepJob, type StepJobData } from './lib/processStepJob';
import { recoverJobs } from './lib/recoverJobs';
import type { BullmqOrchestratorOptions } from './options';
import type { QueuedJob, RunStore, StepOutcome } from './RunStore';
import { StepChildPool } from './StepChildPool';

export interface BullmqOrchestratorDeps {
  store: RunStore;
  metadata: MetadataStore;
  logger: Logger;
  migrate(): Promise<unknown>;
  clock?: Clock;
}

const terminal = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * `tokens.orchestrator` on BullMQ. Every process (CLI, server, monitor) submits through it; `serveWorker`
 * makes this process an `mlops worker` that takes steps from the queue, and `serveScheduler` fires
 * the configured cron schedules. The SQL database is the source of truth; Redis only carries jobs,
 * and every worker re-enqueues from the database what Redis lost.
 */
export class BullmqOrchestrator implements Orchestrator {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private pool: StepChildPool | undefined;
  private recoverTimer: NodeJS.Timeout | undefined;
  private scheduler: CronScheduler | undefined;
  private recovering = false;
  private readonly connections: IORedis[] = [];
  private readonly clock: Clock;
  readonly workerId = `${hostname()}:${process.pid}`;

  constructor(
    readonly options: BullmqOrchestratorOptions,
    private readonly deps: BullmqOrchestratorDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    // Cron expressions are checked when the config is used, before anything runs.
    this.scheduleList();
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

  async submit(request: SubmitRunRequest): Promise<SubmitRunResult> {
    if (typeof request.pipeline !== 'string' || !request.pipeline) throw new OrchestratorError('submit.pipeline', 'a pipeline name from the config', JSON.stringify(request.pipeline));
    if (request.idempotencyKey !== undefined && (typeof request.idempotencyKey !== 'string' || !request.idempotencyKey || request.idempotencyKey.length > 200)) {
      throw new OrchestratorError('submit.idempotencyKey', 'a string of 1 to 200 characters', JSON.stringify(request.idempotencyKey));
    }
    const createdAt = this.clock.now();
    const trigger = request.trigger ?? { kind: 'api' as const, source: 'unknown' };
    const params = request.params ?? {};
    const tags = request.tags ?? {};
    const inserted = await this.deps.store.insertRun({ id: createId(createdAt), pipeline: request.pipeline, params, idempotencyKey: request.idempotencyKey ?? null, trigger, tags, createdAt });
    if (inserted.created) {
      // The metadata store's run (what `mlops runs show` and step runs refer to); pid 0 and this
      // host name keep core's abandoned-run sweep of local runners away from it.
      await this.deps.metadata.createRun({ id: inserted.id, pipeline: request.pipeline, status: 'running', params: params as never, startedAt: createdAt, endedAt: null, error: null, host: `orchestrator:${this.options.queue}`, pid: 0, configDigest: null, tags: { ...tags, trigger: trigger.kind } });
      await this.admit();
    }
    return { run: (await this.getRun(inserted.id))!, created: inserted.created };
  }

  /** Starts queued runs while the concurrency limit allows. */
  async admit(): Promise<void> {
    await this.enqueue(await this.deps.store.admitRuns(this.options.maxConcurrentRuns, Date.now()));
  }

  /** Puts jobs on the queue; a failure is logged: the recovery pass re-enqueues from the database. */
  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    const queue = this.requireQueue();
    for (const j of jobs) {
      const data: StepJobData = { runId: j.runId, stepId: j.stepId };
      try {
        await queue.add('step', data, { jobId: j.jobId, delay: Math.max(0, (j.notBefore ?? 0) - Date.now()), removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
      } catch (error) {
        this.deps.logger.warn(`could not queue step "${j.stepId}" of run ${j.runId} (${(error as Error).message}); it is re-queued from the database by the next recovery pass`);
      }
    }
  }

  /** Queues what an outcome made ready; records an ended run in the metadata store and starts queued runs. */
  async settle(outcome: StepOutcome): Promise<void> {
    await this.enqueue(outcome.enqueue);
    const ended = outcome.runEnded;
    if (!ended) return;
    await this.deps.metadata.finishRun(ended.runId, { status: ended.status, endedAt: ended.endedAt, error: ended.error });
    this.deps.logger.info(`run ${ended.runId} ${ended.status}${ended.error ? `: ${ended.error}` : ''}`);
    await this.admit();
  }

  private requireQueue(): Queue {
    if (!this.queue) throw new OrchestratorError('orchestrator', 'a started orchestrator (the runtime starts it)', 'one not started or already closed');
    return this.queue;
  }

  getRun(id: string): Promise<OrchestratedRun | undefined> {
    return this.deps.store.getRun(id);
  }

  listRuns(query?: RunHistoryQuery): Promise<OrchestratedRun[]> {
    return this.deps.store.listRuns(query);
  }

  async waitForRun(id: string, options: { timeoutMs?: number } = {}): Promise<OrchestratedRun> {
    const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
    for (;;) {
      const run = await this.getRun(id);
      if (!run) throw new OrchestratorError('runId', 'the id of a submitted run', JSON.stringify(id));
      if (terminal.has(run.status)) return run;
      if (Date.now() > deadline) throw new OrchestratorError('waitForRun', `run ${id} to end within ${options.timeoutMs} ms`, `status ${run.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async cancel(id: string): Promise<OrchestratedRun> {
    const now = Date.now();
    if (await this.deps.store.cancelRun(id, now)) {
      await this.deps.metadata.finishRun(id, { status: 'failed', endedAt: now, error: 'cancelled' });
      await this.admit();
    }
    const run = await this.getRun(id);
    if (!run) throw new OrchestratorError('runId', 'the id of a submitted run', JSON.stringify(id));
    return run;
  }

  async queueStatus(): Promise<QueueStatus> {
    const queue = this.requireQueue();
    const [jobs, runs, workers] = await Promise.all([queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'), this.deps.store.countRuns(), queue.getWorkers()]);
    return { jobs, runs, workers: workers.map((w) => ({ id: String(w.name ?? w.id ?? 'unknown') })) };
  }

  private scheduleList(): NamedSchedule[] {
    return Object.entries(this.options.schedules).map(([name, s]) => ({ name, schedule: createCronSchedule(s, `plugins.orchestrator.options.schedules.${name}`), catchUp: s.catchUp, maxBackfill: s.maxBackfill }));
  }

  async schedules(): Promise<ScheduleState[]> {
    const now = this.clock.now();
    return Promise.all(
      this.scheduleList().map(async (s) => {
        const def = this.options.schedules[s.name];
        return { name: s.name, pipeline: def.pipeline, cron: def.cron, timeZone: def.timeZone, catchUp: def.catchUp, lastFiredFor: (await this.deps.store.loadSchedule(s.name))?.lastFiredFor ?? null, nextFireAt: s.schedule.nextAfter(now) };
      }),
    );
  }

  /** Fires the configured schedules from this process (`mlops scheduler`) until closed; safe to run in more than one. */
  async serveScheduler(): Promise<void> {
    if (this.scheduler) return;
    this.scheduler = new CronScheduler(this.scheduleList(), {
      clock: this.clock,
      store: { load: (n) => this.deps.store.loadSchedule(n), save: (n, p) => this.deps.store.saveSchedule(n, p) },
      fire: async (f) => {
        const def = this.options.schedules[f.schedule];
        const at = new Date(f.fireAt).toISOString();
        const { created } = await this.submit({ pipeline: def.pipeline, params: def.params, idempotencyKey: `schedule:${f.schedule}@${at}`, trigger: { kind: 'schedule', source: f.schedule, scheduledFor: f.fireAt }, tags: { schedule: f.schedule } });
        if (created) this.deps.logger.info(`schedule "${f.schedule}": run of "${def.pipeline}" for ${at}${f.late ? ' (caught up)' : ''}`);
      },
      onError: (error, name) => this.deps.logger.error(`schedule "${name}" could not fire: ${(error as Error).message}`),
    });
    await this.scheduler.start();
  }

  /** Makes this process a worker (`mlops worker`): takes steps from the queue until closed. */
  async serveWorker(options: { configFile: string; concurrency?: number }): Promise<void> {
    if (this.worker) return;
    const concurrency = options.concurrency ?? this.options.concurrency;
    this.pool = new StepChildPool(concurrency, options.configFile);
    const deps = { store: this.deps.store, metadata: this.deps.metadata, pool: this.pool, options: this.options, logger: this.deps.logger, worker: this.workerId, settle: (o: StepOutcome) => this.settle(o) };
    this.worker = new Worker<StepJobData>(this.options.queue, (job: Job<StepJobData>) => processStepJob(job.id!, job.data, deps), {
      connection: this.connect(),
      prefix: this.options.prefix,
      concurrency,
      name: this.workerId,
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
    await this.scheduler?.stop();
    await this.worker?.close();
    await this.pool?.close();
    await this.queue?.close();
    for (const c of this.connections) c.disconnect();
    this.worker = undefined;
    this.queue = undefined;
  }
}
