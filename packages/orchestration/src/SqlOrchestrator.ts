import { createId, type Health, type HookBus, type Logger, type MetadataStore, type OrchestrationOptions, type Orchestrator, type OrchestratedRun, type QueueStatus, type RunHistoryQuery, type ScheduleState, type SubmitRunRequest, type SubmitRunResult } from '@mlops/core';
import { CronScheduler, createCronSchedule, systemClock, type Clock, type NamedSchedule } from '@mlops/schedule';
import { OrchestratorError } from './errors';
import type { QueuedJob, RunStore, StepOutcome } from './RunStore';

export interface SqlOrchestratorDeps {
  store: RunStore;
  metadata: MetadataStore;
  logger: Logger;
  /** Creates the orchestrator's tables (`tokens.database`'s `migrate`). */
  migrate(): Promise<unknown>;
  /** Host recorded on the metadata store's run (`orchestrator:<queue>`): keeps core's abandoned-run sweep away from it. */
  host: string;
  clock?: Clock;
  /** The runtime's hooks: an ended run is announced on `runEnd` (the tracker ends its tracked run). */
  hooks?: HookBus;
}

const terminal = new Set(['succeeded', 'failed', 'cancelled']);
/** How long `waitForRun` waits, after the run's end, for the metadata store's record to show it. */
const metadataEndGraceMs = 10_000;

/**
 * What every orchestrator over the SQL run state shares: submit with idempotency keys and the
 * concurrency limit, run history, cancel, waiting, and firing cron schedules with catch-up. A
 * subclass says how ready steps reach a process that runs them (`enqueue`) and what its queue is.
 */
export abstract class SqlOrchestrator<O extends OrchestrationOptions = OrchestrationOptions> implements Orchestrator {
  private scheduler: CronScheduler | undefined;
  protected readonly clock: Clock;

  constructor(
    readonly options: O,
    protected readonly deps: SqlOrchestratorDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    // Cron expressions are checked when the config is used, before anything runs.
    this.scheduleList();
  }

  /** Hands ready steps to whatever runs them; a failure must not lose them (they stay queued in the database). */
  abstract enqueue(jobs: readonly QueuedJob[]): Promise<void>;
  abstract queueStatus(): Promise<QueueStatus>;
  abstract health(): Health;
  abstract close(): Promise<void>;

  async submit(request: SubmitRunRequest): Promise<SubmitRunResult> {
    if (typeof request.pipeline !== 'string' || !request.pipeline) throw new OrchestratorError('submit.pipeline', 'a pipeline name from the config', JSON.stringify(request.pipeline));
    if (request.idempotencyKey !== undefined && (typeof request.idempotencyKey !== 'string' || !request.idempotencyKey || request.idempotencyKey.length > 200)) {
      throw new OrchestratorError('submit.idempotencyKey', 'a string of 1 to 200 characters', JSON.stringify(request.idempotencyKey));
    }
    await this.ready();
    const createdAt = this.clock.now();
    const trigger = request.trigger ?? { kind: 'api' as const, source: 'unknown' };
    const params = request.params ?? {};
    const tags = request.tags ?? {};
    const inserted = await this.deps.store.insertRun({ id: createId(createdAt), pipeline: request.pipeline, params, idempotencyKey: request.idempotencyKey ?? null, trigger, tags, createdAt });
    if (inserted.created) {
      // The metadata store's run (what `mlops runs show` and step runs refer to); pid 0 and this
      // host name keep core's abandoned-run sweep of local runners away from it.
      await this.deps.metadata.createRun({ id: inserted.id, pipeline: request.pipeline, status: 'running', params: params as never, startedAt: createdAt, endedAt: null, error: null, host: this.deps.host, pid: 0, configDigest: null, tags: { ...tags, trigger: trigger.kind } });
      await this.admit();
    }
    return { run: (await this.getRun(inserted.id))!, created: inserted.created };
  }

  private async announceEnd(runId: string, status: 'succeeded' | 'failed', endedAt: number, error: string | null): Promise<void> {
    if (!this.deps.hooks) return;
    const pipeline = (await this.deps.store.runDefinition(runId))?.pipeline ?? null;
    await this.deps.hooks.emit('runEnd', { runId, pipeline, status, endedAt, error: error ?? undefined });
  }

  /** Resolves once the tables exist; a subclass that migrates lazily overrides it. */
  protected async ready(): Promise<void> {}

  /** Starts queued runs while the concurrency limit allows. */
  async admit(): Promise<void> {
    await this.enqueue(await this.deps.store.admitRuns(this.options.maxConcurrentRuns, Date.now()));
  }

  /** Queues what an outcome made ready; records an ended run in the metadata store and starts queued runs. */
  async settle(outcome: StepOutcome): Promise<void> {
    await this.enqueue(outcome.enqueue);
    const ended = outcome.runEnded;
    if (!ended) return;
    await this.deps.metadata.finishRun(ended.runId, { status: ended.status, endedAt: ended.endedAt, error: ended.error });
    await this.announceEnd(ended.runId, ended.status, ended.endedAt, ended.error);
    this.deps.logger.info(`run ${ended.runId} ${ended.status}${ended.error ? `: ${ended.error}` : ''}`);
    await this.admit();
  }

  /**
   * Ends the metadata store's record of this orchestrator's runs whose run state ended more than
   * `graceMs` before `now` while the record still says running, and announces `runEnd` for each, as
   * `settle` would have: the process that ended the run was killed between the commit that ended it
   * and the record's end. Workers run it when they start (and the BullMQ one on each recovery pass).
   * Returns how many records it ended.
   */
  async reconcileEndedRuns(now: number, graceMs: number): Promise<number> {
    await this.ready();
    let ended = 0;
    const mine = (await this.deps.metadata.listRuns({ status: 'running', limit: 500 })).filter((record) => record.host === this.deps.host).map((record) => record.id);
    // One query for all of them: this runs every recovery pass in every worker.
    for (const run of mine.length ? await this.deps.store.endedRuns(mine, now - graceMs) : []) {
      const status = run.status === 'succeeded' ? 'succeeded' : 'failed';
      const error = run.status === 'cancelled' ? 'cancelled' : run.error;
      await this.deps.metadata.finishRun(run.id, { status, endedAt: run.endedAt, error });
      await this.announceEnd(run.id, status, run.endedAt, error);
      this.deps.logger.warn(`run ${run.id}: its record said running after the run ${run.status}; ended it (the process that ended the run stopped before recording it)`);
      ended++;
    }
    return ended;
  }

  async getRun(id: string): Promise<OrchestratedRun | undefined> {
    await this.ready();
    return this.deps.store.getRun(id);
  }

  async listRuns(query?: RunHistoryQuery): Promise<OrchestratedRun[]> {
    await this.ready();
    return this.deps.store.listRuns(query);
  }

  async waitForRun(id: string, options: { timeoutMs?: number } = {}): Promise<OrchestratedRun> {
    const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
    let endSeenAt: number | undefined;
    for (;;) {
      const run = await this.getRun(id);
      if (!run) throw new OrchestratorError('runId', 'the id of a submitted run', JSON.stringify(id));
      if (terminal.has(run.status)) {
        // The run's end reaches the metadata store just after the commit that ended it (`settle`, in
        // whichever process ran the last step): wait for it, so a caller that reads the run's record
        // next sees it ended, not running. Bounded, because a process killed between the two writes
        // leaves the record running.
        endSeenAt ??= Date.now();
        const record = await this.deps.metadata.getRun(id);
        if (record?.status !== 'running' || Date.now() - endSeenAt >= metadataEndGraceMs || Date.now() > deadline) return run;
      } else if (Date.now() > deadline) throw new OrchestratorError('waitForRun', `run ${id} to end within ${options.timeoutMs} ms`, `status ${run.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async cancel(id: string): Promise<OrchestratedRun> {
    await this.ready();
    const now = Date.now();
    if (await this.deps.store.cancelRun(id, now)) {
      await this.deps.metadata.finishRun(id, { status: 'failed', endedAt: now, error: 'cancelled' });
      await this.announceEnd(id, 'failed', now, 'cancelled');
      await this.admit();
    }
    const run = await this.getRun(id);
    if (!run) throw new OrchestratorError('runId', 'the id of a submitted run', JSON.stringify(id));
    return run;
  }

  private scheduleList(): NamedSchedule[] {
    return Object.entries(this.options.schedules).map(([name, s]) => ({ name, schedule: createCronSchedule(s, `plugins.orchestrator.options.schedules.${name}`), catchUp: s.catchUp, maxBackfill: s.maxBackfill }));
  }

  async schedules(): Promise<ScheduleState[]> {
    await this.ready();
    const now = this.clock.now();
    return Promise.all(
      this.scheduleList().map(async (s) => {
        const def = this.options.schedules[s.name];
        return { name: s.name, pipeline: def.pipeline, cron: def.cron, timeZone: def.timeZone, catchUp: def.catchUp, lastFiredFor: (await this.deps.store.loadSchedule(s.name))?.lastFiredFor ?? null, nextFireAt: s.schedule.nextAfter(now) };
      }),
    );
  }

  /**
   * Fires the configured schedules from this process until `stopSchedules`, catching up missed fire
   * times per policy first. Each fire time submits with key `schedule:<name>@<ISO time>`, so two
   * schedulers or a restart never run one twice.
   */
  protected async startSchedules(): Promise<void> {
    if (this.scheduler) return;
    await this.ready();
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

  protected async stopSchedules(): Promise<void> {
    await this.scheduler?.stop();
    this.scheduler = undefined;
  }
}
