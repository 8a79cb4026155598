import type { Knex } from 'knex';
import { createId, retryDelayMs, type OrchestratedRun, type OrchestratedRunStatus, type OrchestratedStep, type RetryPolicy, type RunHistoryQuery, type RunTrigger, type StepRunOutcome } from '@mlops/core';
import { pgQuery, writeTransaction, type SqlStoreHandle } from '@mlops/sql-metadata';
import { runsTable, schedulesTable, stepsTable } from './migrations/0001_orchestrator';
import { completeStepStatement, type CompletionResult } from './lib/completeStepStatement';
import { completeBatchStatement, type BatchCompletion, type BatchResult } from './lib/completeBatchStatement';
import { stepStatements, type StepStatements } from './lib/stepStatements';

/** The pseudo-step that plans a run (loads the pipeline, validates params) before its real steps exist. */
export const planStep = '#plan';

/** A job to put on the queue: the step row's current job id. */
export interface QueuedJob {
  jobId: string;
  runId: string;
  stepId: string;
  /** Epoch ms before which the job must not start (retry backoff). */
  notBefore: number | null;
}

export interface StepRow {
  runId: string;
  stepId: string;
  status: OrchestratedStep['status'];
  attempts: number;
  dependsOn: string[];
  outputs: Record<string, string>;
  jobId: string | null;
  claim: string | null;
  notBefore: number | null;
}

/** A claimed attempt: its token, its number, and the step's edges in the DAG. */
export interface Claimed {
  claim: string;
  attempt: number;
  dependsOn: string[];
  dependents: string[];
}

export interface RunRow {
  id: string;
  pipeline: string;
  params: Record<string, unknown>;
  status: OrchestratedRunStatus;
}

/** How a step attempt ended, and what the caller must enqueue or finish. */
export interface StepOutcome {
  /** False when the claim was stale (another worker took the step over): the caller drops its result. */
  accepted: boolean;
  enqueue: QueuedJob[];
  /** Set when this outcome ended the run. */
  runEnded?: { runId: string; status: 'succeeded' | 'failed'; endedAt: number; error: string | null };
  /** The run's status as the completion's statement saw it (set by completions): a batch stops once it is not `running`. */
  runStatus?: string;
}

/**
 * How many steps of `ready` ones (of one run, ready at once) share one job; 1 when jobs carry one step.
 * Asked before the statement that queues them (it may read the live workers: see the BullMQ orchestrator).
 */
export type StepsPerJob = (ready: number) => number | Promise<number>;
const oneStepPerJob: StepsPerJob = () => 1;

/** `n` job ids for `n` steps in ceil(n / perJob) jobs of consecutive steps, as even as can be (sizes differ by one at most). */
export function sharedJobIds(n: number, perJob: number): string[] {
  const jobs = Math.ceil(n / Math.max(1, Math.floor(perJob)));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const job = Math.floor((i * jobs) / n);
    ids.push(i > 0 && Math.floor(((i - 1) * jobs) / n) === job ? ids[i - 1] : createId());
  }
  return ids;
}

/**
 * Steps per job so that no worker slot idles and no slot gets much more than another: the `ready`
 * steps go out in a multiple of `slots` jobs of at most `max` steps each. Unknown slots (0): one step per job.
 */
export function batchSize(ready: number, slots: number, max: number): number {
  if (ready <= 1 || slots <= 0 || max <= 1) return 1;
  const jobs = slots * Math.ceil(ready / (slots * max));
  let size = Math.min(max, Math.ceil(ready / jobs));
  // Rounding up can leave fewer jobs than slots (4 steps, 3 slots: 2 jobs of 2): smaller, so none idles.
  while (size > 1 && Math.ceil(ready / size) < jobs) size--;
  return size;
}

const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(v: string | null): T => (v === null ? (null as T) : (JSON.parse(v) as T));

/**
 * The orchestrator's durable state in the SQL database. Every transition is a conditional update
 * (on status, job id or claim token), so any number of worker processes may race on it: the one
 * whose update matched owns the transition, the others see `accepted: false` or an empty result.
 */
export class RunStore {
  private handle: SqlStoreHandle | undefined;
  private prepared: StepStatements | undefined;
  private readonly definitions = new Map<string, Pick<RunRow, 'id' | 'pipeline' | 'params'>>();

  /** @param sql the handle, or a function giving it on first use (a process that never queries never opens the pool). */
  constructor(private readonly source: SqlStoreHandle | (() => SqlStoreHandle)) {}

  private get sql(): SqlStoreHandle {
    return (this.handle ??= typeof this.source === 'function' ? this.source() : this.source);
  }

  /** The per-step statements as prepared SQL, on Postgres only (SQLite goes through knex's builder). */
  private get statements(): StepStatements | undefined {
    if (this.sql.dialect !== 'postgresql') return undefined;
    return (this.prepared ??= stepStatements(this.sql.schema));
  }

  /** A table of this database (the orchestrator's or the metadata store's) for plain SQL. */
  private quoted(table: string): string {
    return this.sql.schema ? `"${this.sql.schema}"."${table}"` : `"${table}"`;
  }

  private t(db: Knex | Knex.Transaction, table: string): Knex.QueryBuilder {
    return this.sql.schema ? db.withSchema(this.sql.schema).table(table) : db.table(table);
  }

  /** A writing transaction; on SQLite it holds the write lock from the start (see `writeTransaction`). */
  private tx<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return writeTransaction(this.sql, fn);
  }

  /**
   * Serialises the transitions of one run: two steps finishing at once must each see the other's
   * result, or neither would queue their common downstream step or end the run (read committed).
   * SQLite runs one write transaction at a time anyway.
   */
  private async lockRun(trx: Knex.Transaction, runId: string): Promise<void> {
    if (this.sql.dialect === 'postgresql') await this.t(trx, runsTable).where({ id: runId }).forUpdate().first('id');
  }

  /** Inserts a queued run, or returns the run that already has this idempotency key. */
  async insertRun(run: { id: string; pipeline: string; params: Record<string, unknown>; idempotencyKey: string | null; trigger: RunTrigger; tags: Record<string, string>; createdAt: number }): Promise<{ id: string; created: boolean }> {
    if (run.idempotencyKey !== null) {
      const existing = await this.t(this.sql.knex, runsTable).where({ idempotency_key: run.idempotencyKey }).first('id');
      if (existing) return { id: existing.id as string, created: false };
    }
    try {
      const row = { id: run.id, pipeline: run.pipeline, params: json(run.params), status: 'queued', idempotency_key: run.idempotencyKey, trigger: json(run.trigger), tags: json(run.tags), created_at: run.createdAt };
      if (this.sql.dialect === 'postgresql') {
        // Its commit does not wait for the disk: `submit` records the run in the metadata store next,
        // in the same database, and that durable commit flushes this one (a crash before it loses a
        // run that `submit` never returned). One wait for the disk per submit instead of two.
        const columns = Object.keys(row);
        await this.sql.knex.raw(`insert into ${this.quoted(runsTable)} (${columns.join(', ')}) select ${columns.map((c) => (c === 'created_at' ? '?::double precision' : '?::text')).join(', ')} where (select set_config('synchronous_commit', 'off', true)) is not null`, Object.values(row));
      } else await this.t(this.sql.knex, runsTable).insert(row);
      return { id: run.id, created: true };
    } catch (error) {
      // Two submits with one key at the same instant: the unique index lets one in.
      const existing = run.idempotencyKey === null ? undefined : await this.t(this.sql.knex, runsTable).where({ idempotency_key: run.idempotencyKey }).first('id');
      if (existing) return { id: existing.id as string, created: false };
      throw error;
    }
  }

  /**
   * Starts queued runs, oldest first, while fewer than `maxRunning` run; each gets its planning job.
   * Serialised across processes (a Postgres advisory lock; SQLite writes are serial anyway), so the
   * limit holds with many workers.
   */
  admitRuns(maxRunning: number, now: number): Promise<QueuedJob[]> {
    return this.tx(async (trx) => {
      // Starting a run is a lease too (see `asLease`): a lost start leaves the run queued, its planning
      // job finds no step to claim, and the next admission pass starts it again.
      if (this.sql.dialect === 'postgresql') {
        await trx.raw("select pg_advisory_xact_lock(hashtext(?)), set_config('synchronous_commit', 'off', true)", [`mlops-orchestrator:${this.sql.schema ?? ''}`]);
        return this.admitUnderLock(trx, maxRunning, now);
      }
      const running = Number((await this.t(trx, runsTable).where({ status: 'running' }).count({ n: '*' }).first())?.n ?? 0);
      const free = maxRunning - running;
      if (free <= 0) return [];
      // Only runs the metadata store has: `submit` records a run there right after inserting it here,
      // and a run admitted in between (by a worker admitting after a run ended) failed its planning
      // with "not in the metadata store". Its submitter admits it once it is recorded.
      const recorded = `exists (select 1 from ${this.quoted('runs')} m where m.id = ${this.quoted(runsTable)}.id)`;
      const queued = (await this.t(trx, runsTable).where({ status: 'queued' }).whereRaw(recorded).orderBy('created_at').limit(free).select('id')) as { id: string }[];
      const jobs: QueuedJob[] = [];
      for (const { id } of queued) {
        await this.t(trx, runsTable).where({ id, status: 'queued' }).update({ status: 'running', started_at: now });
        const jobId = createId();
        await this.t(trx, stepsTable).insert({ run_id: id, step_id: planStep, status: 'queued', attempts: 0, depends_on: '[]', outputs: '{}', job_id: jobId });
        jobs.push({ jobId, runId: id, stepId: planStep, notBefore: null });
      }
      return jobs;
    });
  }

  /**
   * `admitRuns` on Postgres, under its lock: the count, the pick, the runs' start and their planning
   * steps in one statement (four round trips for an admission instead of seven). At most `perPass`
   * runs a statement (the job ids are made here); a full pass is followed by another.
   */
  private async admitUnderLock(trx: Knex.Transaction, maxRunning: number, now: number, perPass = 16): Promise<QueuedJob[]> {
    const runs = this.quoted(runsTable);
    const jobs: QueuedJob[] = [];
    for (;;) {
      const jobIds = Array.from({ length: perPass }, () => createId());
      const { rows } = (await trx.raw(
        `with free as (
  select greatest(?::int - (select count(*) from ${runs} where status = 'running'), 0)::int as n
), picked as (
  select r.id, row_number() over (order by r.created_at, r.id) as k from ${runs} r
  where r.status = 'queued' and exists (select 1 from ${this.quoted('runs')} m where m.id = r.id)
  order by r.created_at, r.id limit least((select n from free), ?::int)
), started as (
  update ${runs} u set status = 'running', started_at = ? from picked p where u.id = p.id and u.status = 'queued'
  returning u.id
), planned as (
  insert into ${this.quoted(stepsTable)} (run_id, step_id, status, attempts, depends_on, outputs, job_id)
  select p.id, ?, 'queued', 0, '[]', '{}', (?::text[])[p.k] from picked p where p.id in (select id from started)
  returning run_id, job_id
)
select p.run_id, p.job_id from planned p join picked k on k.id = p.run_id order by k.k`,
        [maxRunning, perPass, now, planStep, jobIds],
      )) as { rows: { run_id: string; job_id: string }[] };
      jobs.push(...rows.map((r) => ({ jobId: r.job_id, runId: r.run_id, stepId: planStep, notBefore: null })));
      if (rows.length < perPass) return jobs;
    }
  }

  async getRunRow(id: string): Promise<RunRow | undefined> {
    const r = await this.t(this.sql.knex, runsTable).where({ id }).first('id', 'pipeline', 'params', 'status');
    return r && { id: r.id, pipeline: r.pipeline, params: parse(r.params), status: r.status };
  }

  async getStep(runId: string, stepId: string): Promise<StepRow | undefined> {
    const r = await this.t(this.sql.knex, stepsTable).where({ run_id: runId, step_id: stepId }).first();
    return r && toStepRow(r);
  }

  /**
   * Claims a step for the job `jobId` in one statement: only the step's current job may (an older job
   * of a retried step is dropped), only while its run is running, and a job redelivered after its
   * worker died takes the step over (with `staleBefore`: only when the step's heartbeat is older than
   * it). Returns the claim token, the attempt number and the step's edges, or undefined when the job
   * is obsolete or the run ended.
   */
  async claim(runId: string, stepId: string, jobId: string, worker: string, now: number, staleBefore?: number): Promise<Claimed | undefined> {
    const claim = createId();
    const pg = this.statements;
    if (pg) {
      const values = [runId, stepId, jobId, claim, worker, now, ...(staleBefore === undefined ? [] : [staleBefore])];
      const [row] = await pgQuery<{ attempts: number; depends_on: string; dependents: string | null }>(this.sql.knex, staleBefore === undefined ? pg.claim : pg.claimStale, values);
      return row && { claim, attempt: Number(row.attempts), dependsOn: parse(row.depends_on), dependents: parse<string[] | null>(row.dependents) ?? [] };
    }
    const knex = this.sql.knex;
    const q = this.t(knex, stepsTable)
      .where({ run_id: runId, step_id: stepId, job_id: jobId })
      .whereExists(this.t(knex, runsTable).where({ id: runId, status: 'running' }).select(knex.raw('1')));
    // With `staleBefore`, a running step is taken over only when its claimer stopped heartbeating (the
    // local dispatcher has no queue that redelivers only dead jobs); without it, the job's redelivery decides.
    if (staleBefore === undefined) q.whereIn('status', ['queued', 'running']);
    else q.where((w) => w.where('status', 'queued').orWhere((r) => r.where('status', 'running').where((h) => h.whereNull('heartbeat_at').orWhere('heartbeat_at', '<', staleBefore))));
    this.asLease(q);
    const [row] = (await q.update({ status: 'running', claim, worker, started_at: now, heartbeat_at: now, attempts: knex.raw('attempts + 1'), error: null }, ['attempts', 'depends_on', 'dependents'])) as { attempts: number; depends_on: string; dependents: string | null }[];
    return row && { claim, attempt: Number(row.attempts), dependsOn: parse(row.depends_on), dependents: parse<string[] | null>(row.dependents) ?? [] };
  }

  /**
   * Claims the steps of a batch job (several steps of one run under one job id) in one statement, with
   * one claim token for all: each only while it is still the job's and not ended, only while the run
   * runs. Returns the claimed steps in the job's order; a step already ended (a redelivered job whose
   * worker died mid-batch) or moved to another job is left out. Attempts: see `StepStatements.claimBatch`.
   */
  async claimBatch(runId: string, stepIds: readonly string[], jobId: string, worker: string, now: number): Promise<{ stepId: string; claimed: Claimed }[]> {
    const claim = createId();
    type Row = { step_id: string; attempts: number; depends_on: string; dependents: string | null };
    let rows: Row[];
    const pg = this.statements;
    if (pg) rows = await pgQuery<Row>(this.sql.knex, pg.claimBatch, [runId, stepIds, jobId, claim, worker, now]);
    else {
      rows = await this.tx(async (trx) => {
        const live = (await this.t(trx, runsTable).where({ id: runId, status: 'running' }).first('id')) !== undefined;
        if (!live) return [];
        const mine = (await this.t(trx, stepsTable).where({ run_id: runId, job_id: jobId }).whereIn('step_id', stepIds as string[]).whereIn('status', ['queued', 'running']).select('step_id', 'status')) as { step_id: string; status: string }[];
        const running = new Set(mine.filter((r) => r.status === 'running').map((r) => r.step_id));
        const inFlight = stepIds.find((id) => running.has(id));
        const out: Row[] = [];
        for (const r of mine) {
          const counted = r.status === 'queued' || r.step_id === inFlight;
          const [row] = (await this.t(trx, stepsTable)
            .where({ run_id: runId, step_id: r.step_id, job_id: jobId, status: r.status })
            .update({ status: 'running', claim, worker, started_at: now, heartbeat_at: now, attempts: counted ? this.sql.knex.raw('attempts + 1') : this.sql.knex.raw('attempts'), error: null }, ['step_id', 'attempts', 'depends_on', 'dependents'])) as Row[];
          if (row) out.push(row);
        }
        return out;
      });
    }
    const byStep = new Map(rows.map((r) => [r.step_id, r]));
    return stepIds.flatMap((stepId) => {
      const r = byStep.get(stepId);
      return r ? [{ stepId, claimed: { claim, attempt: Number(r.attempts), dependsOn: parse<string[]>(r.depends_on), dependents: parse<string[] | null>(r.dependents) ?? [] } }] : [];
    });
  }

  /** A run's pipeline and params, which never change: read once per run and process. */
  async runDefinition(runId: string): Promise<Pick<RunRow, 'id' | 'pipeline' | 'params'> | undefined> {
    const hit = this.definitions.get(runId);
    if (hit) return hit;
    const row = await this.getRunRow(runId);
    if (!row) return undefined;
    const def = { id: row.id, pipeline: row.pipeline, params: row.params };
    this.definitions.set(runId, def);
    if (this.definitions.size > 1000) this.definitions.delete(this.definitions.keys().next().value!);
    return def;
  }

  /** The recorded outputs of the given steps of a run (a step's upstream), in one query. */
  async outputsOf(runId: string, stepIds: readonly string[]): Promise<Record<string, Record<string, string>>> {
    if (!stepIds.length) return {};
    const rows = (await this.t(this.sql.knex, stepsTable).where({ run_id: runId }).whereIn('step_id', stepIds).select('step_id', 'outputs')) as { step_id: string; outputs: string }[];
    return Object.fromEntries(rows.map((r) => [r.step_id, parse<Record<string, string>>(r.outputs)]));
  }

  /**
   * Records the real steps of a planned run in one insert: those without dependencies are queued at
   * once; each row carries its count of pending upstream steps and the steps waiting on it.
   */
  async recordPlan(runId: string, claim: string, steps: { id: string; dependsOn: string[] }[], now: number, stepsPerJob: StepsPerJob = oneStepPerJob): Promise<StepOutcome> {
    const dependents = new Map<string, Set<string>>();
    for (const s of steps) for (const d of s.dependsOn) dependents.set(d, (dependents.get(d) ?? new Set()).add(s.id));
    const ready = steps.filter((s) => s.dependsOn.length === 0);
    // Sized before the transaction: asking may take a round trip, which must not hold it open.
    const readyIds = sharedJobIds(ready.length, await stepsPerJob(ready.length));
    const enqueue: QueuedJob[] = [];
    const jobOf = new Map(ready.map((s, i) => [s.id, readyIds[i]]));
    const rows = steps.map((s) => {
      const pending = new Set(s.dependsOn).size;
      const jobId = jobOf.get(s.id) ?? null;
      if (jobId) enqueue.push({ jobId, runId, stepId: s.id, notBefore: null });
      return { run_id: runId, step_id: s.id, status: jobId ? 'queued' : 'waiting', attempts: 0, depends_on: json(s.dependsOn), pending_deps: pending, dependents: json([...(dependents.get(s.id) ?? [])]), outputs: '{}', job_id: jobId };
    });
    const pg = this.statements;
    if (pg && steps.length) {
      // One round trip (the planning step's end, the rows, the run's count), not a transaction of four.
      const [row] = await pgQuery<{ done: number }>(this.sql.knex, pg.recordPlan, [runId, claim, now, rows.map((r) => r.step_id), rows.map((r) => r.depends_on), rows.map((r) => r.pending_deps), rows.map((r) => r.dependents), rows.map((r) => r.job_id), steps.length]);
      return row.done ? { accepted: true, enqueue } : { accepted: false, enqueue: [] };
    }
    return this.tx(async (trx) => {
      // Durable with the first step's outcome (see `asLease`): a lost plan leaves the planning step to
      // recovery, and the jobs queued for its steps find no row to claim.
      if (this.sql.dialect === 'postgresql') await trx.raw("select set_config('synchronous_commit', 'off', true)");
      const n = await this.t(trx, stepsTable).where({ run_id: runId, step_id: planStep, claim, status: 'running' }).update({ status: 'succeeded', ended_at: now });
      if (!n) return { accepted: false, enqueue: [] };
      if (!steps.length) return { accepted: true, enqueue: [], runEnded: await this.endRun(trx, runId, 'succeeded', null, now) };
      // SQLite caps bound variables per statement.
      for (let i = 0; i < rows.length; i += 500) await this.t(trx, stepsTable).insert(rows.slice(i, i + 500));
      await this.t(trx, runsTable).where({ id: runId }).update({ steps_left: steps.length });
      return { accepted: true, enqueue };
    });
  }

  /**
   * Marks the claimed attempt succeeded, counts it down on each dependent step (queued at zero:
   * fan-in) and on the run (succeeded at zero). On Postgres one statement; elsewhere one transaction.
   * Concurrent completions serialise on the rows they decrement, so each dependent is queued once.
   */
  async completeStep(runId: string, stepId: string, claim: string, outputs: Record<string, string>, dependents: readonly string[], now: number, stepsPerJob: StepsPerJob = oneStepPerJob): Promise<StepOutcome> {
    const jobIds = sharedJobIds(dependents.length, await stepsPerJob(dependents.length));
    return completeStepStatement(this.sql, (db, table) => this.t(db, table), { runId, stepId, claim, outputs: json(outputs), dependents, now, jobIds }, this.statements);
  }

  /**
   * The completions (with their step runs) of several steps of one run, on Postgres in one statement
   * and one durable commit (a batch job's group commit; see `completeBatchStatement`). The dependents
   * it may release get their job ids here, sized by `stepsPerJob` as a single completion's are.
   */
  async completeBatch(runId: string, steps: readonly BatchCompletion[], now: number, stepsPerJob: StepsPerJob = oneStepPerJob): Promise<BatchResult> {
    const dependents = [...new Set(steps.flatMap((s) => s.dependents))];
    const ids = sharedJobIds(dependents.length, await stepsPerJob(dependents.length));
    return completeBatchStatement(this.sql, (db, table) => this.t(db, table), runId, steps, now, new Map(dependents.map((d, i) => [d, ids[i]])));
  }

  /**
   * {@link completeStep} and, in the same statement (SQLite: transaction), the metadata store's records
   * of the succeeded step run (`MetadataStore.recordStepRun`'s writes), only when the claim still
   * holds: one round trip and one durable commit per step where there were two, and a stale attempt
   * (its step taken over) records no step run at all. The outputs are the outcome's artifacts.
   */
  async completeStepRecording(runId: string, stepId: string, claim: string, record: StepRunOutcome, dependents: readonly string[], now: number, stepsPerJob: StepsPerJob = oneStepPerJob): Promise<CompletionResult> {
    const outputs = Object.fromEntries(record.artifacts.map((a) => [a.output, a.id]));
    const jobIds = sharedJobIds(dependents.length, await stepsPerJob(dependents.length));
    return completeStepStatement(this.sql, (db, table) => this.t(db, table), { runId, stepId, claim, outputs: json(outputs), dependents, now, record, jobIds }, this.statements);
  }

  /**
   * Records a failed attempt: queued again after the policy's backoff while attempts remain (a new
   * job id), else the step and its run fail and the steps not started are cancelled.
   */
  failAttempt(runId: string, stepId: string, claim: string, error: string, policy: RetryPolicy, now: number, retryable = true): Promise<StepOutcome> {
    return this.tx(async (trx) => {
      await this.lockRun(trx, runId);
      const row = await this.t(trx, stepsTable).where({ run_id: runId, step_id: stepId, claim, status: 'running' }).first();
      if (!row) return { accepted: false, enqueue: [] };
      const attempts = Number(row.attempts);
      if (retryable && attempts < policy.attempts) {
        const jobId = createId();
        const notBefore = now + retryDelayMs(policy, attempts + 1);
        await this.t(trx, stepsTable).where({ run_id: runId, step_id: stepId, claim }).update({ status: 'queued', job_id: jobId, claim: null, not_before: notBefore, error });
        return { accepted: true, enqueue: [{ jobId, runId, stepId, notBefore }] };
      }
      await this.t(trx, stepsTable).where({ run_id: runId, step_id: stepId, claim }).update({ status: 'failed', ended_at: now, error });
      const label = stepId === planStep ? 'planning the run' : `step "${stepId}"`;
      const message = `${label} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error.split('\n')[0]}`;
      return { accepted: true, enqueue: [], runEnded: await this.endRun(trx, runId, 'failed', message, now) };
    });
  }

  private async endRun(trx: Knex.Transaction, runId: string, status: 'succeeded' | 'failed' | 'cancelled', error: string | null, now: number): Promise<StepOutcome['runEnded']> {
    const n = await this.t(trx, runsTable).where({ id: runId }).whereIn('status', ['queued', 'running']).update({ status, ended_at: now, error });
    await this.t(trx, stepsTable).where({ run_id: runId }).whereIn('status', ['waiting', 'queued']).update({ status: 'cancelled', ended_at: now });
    return n && status !== 'cancelled' ? { runId, status, endedAt: now, error } : undefined;
  }

  /** Cancels a queued or running run; returns false when it had already ended. */
  cancelRun(runId: string, now: number): Promise<boolean> {
    return this.tx(async (trx) => {
      const n = await this.t(trx, runsTable).where({ id: runId }).whereIn('status', ['queued', 'running']).update({ status: 'cancelled', ended_at: now, error: 'cancelled' });
      await this.t(trx, stepsTable).where({ run_id: runId }).whereIn('status', ['waiting', 'queued']).update({ status: 'cancelled', ended_at: now });
      return n > 0;
    });
  }

  /** The claiming worker is alive and on it; recovery leaves a step with a fresh heartbeat alone. */
  async heartbeat(runId: string, stepId: string, claim: string, now: number): Promise<void> {
    await this.asLease(this.t(this.sql.knex, stepsTable).where({ run_id: runId, step_id: stepId, claim, status: 'running' })).update({ heartbeat_at: now });
  }

  /** {@link heartbeat} for every step still running under one claim token (a batch job's steps). */
  async heartbeatClaim(runId: string, claim: string, now: number): Promise<void> {
    await this.asLease(this.t(this.sql.knex, stepsTable).where({ run_id: runId, claim, status: 'running' })).update({ heartbeat_at: now });
  }

  /**
   * Ends, as cancelled, steps left `running` in runs that ended, whose heartbeat is older than
   * `staleBefore`: the steps a batch job had claimed but not started when its worker died, in a run
   * that failed or was cancelled meanwhile (the redelivered job's claim refuses an ended run).
   */
  async cancelOrphans(staleBefore: number, now: number): Promise<number> {
    const ended = this.t(this.sql.knex, runsTable).whereIn('status', ['succeeded', 'failed', 'cancelled']).select('id');
    return this.t(this.sql.knex, stepsTable)
      .where({ status: 'running' })
      .whereIn('run_id', ended)
      .where((h) => h.whereNull('heartbeat_at').orWhere('heartbeat_at', '<', staleBefore))
      .update({ status: 'cancelled', ended_at: now, error: 'its run ended before this step started' });
  }

  /** Ends, as cancelled, the steps a batch job claimed and will not run (its run was cancelled or ended). */
  async cancelClaimed(runId: string, stepIds: readonly string[], claim: string, now: number): Promise<void> {
    if (!stepIds.length) return;
    await this.t(this.sql.knex, stepsTable).where({ run_id: runId, claim, status: 'running' }).whereIn('step_id', stepIds as string[]).update({ status: 'cancelled', ended_at: now, error: 'its run ended before this step started' });
  }

  /**
   * A claim or heartbeat is a lease: on Postgres its commit does not wait for the disk
   * (`synchronous_commit` off for that one statement's transaction; it is still atomic and visible at
   * once). The attempt's completion or failure commits synchronously, and a commit flushes the whole
   * write-ahead log before it, so the lease is durable before the outcome that depends on it. A
   * database crash that loses a lease loses nothing after it: the step is back at its earlier state,
   * the attempt's late completion matches no claim and is dropped, and the step is retried.
   */
  private asLease(q: Knex.QueryBuilder): Knex.QueryBuilder {
    // An uncorrelated subquery: evaluated once; `true` = local to the statement's transaction.
    if (this.sql.dialect === 'postgresql') q.whereRaw("(select set_config('synchronous_commit', 'off', true)) is not null");
    return q;
  }

  /**
   * Steps of running runs that should have a job on the queue: queued ones, and running ones whose
   * worker's heartbeat is older than `staleBefore` (it died, or lost its job with Redis).
   */
  async liveSteps(staleBefore: number): Promise<StepRow[]> {
    const s = stepsTable;
    const rows = (await this.t(this.sql.knex, stepsTable)
      // withSchema applies to the joined table too.
      .join(`${runsTable} as r`, 'r.id', `${s}.run_id`)
      .where('r.status', 'running')
      .where((q) => q.where(`${s}.status`, 'queued').orWhere((w) => w.where(`${s}.status`, 'running').where((h) => h.whereNull(`${s}.heartbeat_at`).orWhere(`${s}.heartbeat_at`, '<', staleBefore))))
      .select(`${s}.*`)) as Record<string, unknown>[];
    return rows.map(toStepRow);
  }

  /**
   * Gives a step whose job was lost a new job id, unless it moved on meanwhile. With `staleBefore`, a
   * running step only while its heartbeat is older: a step claimed since it was found queued is its
   * claimer's (a new job would take it over, and the step would run twice).
   */
  async replaceJob(runId: string, stepId: string, oldJobId: string | null, staleBefore?: number): Promise<string | undefined> {
    const jobId = createId();
    const q = this.t(this.sql.knex, stepsTable).where({ run_id: runId, step_id: stepId });
    if (staleBefore === undefined) q.whereIn('status', ['queued', 'running']);
    else q.where((w) => w.where('status', 'queued').orWhere((r) => r.where('status', 'running').where((h) => h.whereNull('heartbeat_at').orWhere('heartbeat_at', '<', staleBefore))));
    const n = await (oldJobId === null ? q.whereNull('job_id') : q.where({ job_id: oldJobId })).update({ job_id: jobId });
    return n ? jobId : undefined;
  }

  async getRun(id: string): Promise<OrchestratedRun | undefined> {
    const r = await this.t(this.sql.knex, runsTable).where({ id }).first();
    if (!r) return undefined;
    const steps = ((await this.t(this.sql.knex, stepsTable).where({ run_id: id }).whereNot({ step_id: planStep })) as Record<string, unknown>[]).map(toOrchestratedStep);
    return toRun(r, steps);
  }

  /**
   * Of `ids`, the runs that ended at or before `endedBefore`: their status, end time and error, without
   * their steps (one query, whatever the number of ids; the metadata reconciliation asks every pass).
   */
  async endedRuns(ids: readonly string[], endedBefore: number): Promise<{ id: string; status: 'succeeded' | 'failed' | 'cancelled'; endedAt: number; error: string | null }[]> {
    const out: { id: string; status: 'succeeded' | 'failed' | 'cancelled'; endedAt: number; error: string | null }[] = [];
    // SQLite caps bound variables per statement.
    for (let at = 0; at < ids.length; at += 500) {
      const rows = (await this.t(this.sql.knex, runsTable)
        .whereIn('id', ids.slice(at, at + 500))
        .whereIn('status', ['succeeded', 'failed', 'cancelled'])
        .whereNotNull('ended_at')
        .where('ended_at', '<=', endedBefore)
        .select('id', 'status', 'ended_at', 'error')) as Record<string, unknown>[];
      for (const r of rows) out.push({ id: r.id as string, status: r.status as 'succeeded' | 'failed' | 'cancelled', endedAt: Number(r.ended_at), error: (r.error as string | null) ?? null });
    }
    return out;
  }

  async listRuns(query: RunHistoryQuery = {}): Promise<OrchestratedRun[]> {
    const q = this.t(this.sql.knex, runsTable).orderBy('created_at', 'desc').limit(query.limit ?? 50);
    if (query.pipeline) q.where({ pipeline: query.pipeline });
    if (query.status) q.where({ status: query.status });
    const runs = (await q) as Record<string, unknown>[];
    if (!runs.length) return [];
    const steps = (await this.t(this.sql.knex, stepsTable).whereIn('run_id', runs.map((r) => r.id as string)).whereNot({ step_id: planStep })) as Record<string, unknown>[];
    return runs.map((r) => toRun(r, steps.filter((s) => s.run_id === r.id).map(toOrchestratedStep)));
  }

  /** Steps of running runs by state: `waiting` (ready), `delayed` (in a retry's backoff), `active` (running). */
  async stepCounts(now: number): Promise<{ waiting: number; delayed: number; active: number }> {
    const s = stepsTable;
    const rows = (await this.t(this.sql.knex, stepsTable)
      .join(`${runsTable} as r`, 'r.id', `${s}.run_id`)
      .where('r.status', 'running')
      .whereIn(`${s}.status`, ['queued', 'running'])
      .select(`${s}.status`, `${s}.not_before`)) as { status: string; not_before: number | null }[];
    const counts = { waiting: 0, delayed: 0, active: 0 };
    for (const r of rows) {
      if (r.status === 'running') counts.active++;
      else if (r.not_before !== null && Number(r.not_before) > now) counts.delayed++;
      else counts.waiting++;
    }
    return counts;
  }

  async countRuns(): Promise<Partial<Record<OrchestratedRunStatus, number>>> {
    const rows = (await this.t(this.sql.knex, runsTable).groupBy('status').select('status').count({ n: '*' })) as { status: OrchestratedRunStatus; n: number | string }[];
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async loadSchedule(name: string): Promise<{ since: number; lastFiredFor: number | null } | undefined> {
    const r = await this.t(this.sql.knex, schedulesTable).where({ name }).first();
    return r && { since: Number(r.since), lastFiredFor: r.last_fired_for === null ? null : Number(r.last_fired_for) };
  }

  async saveSchedule(name: string, progress: { since: number; lastFiredFor: number | null }): Promise<void> {
    await this.t(this.sql.knex, schedulesTable).insert({ name, since: progress.since, last_fired_for: progress.lastFiredFor }).onConflict('name').merge(['last_fired_for']);
  }
}

function toStepRow(r: Record<string, unknown>): StepRow {
  return {
    runId: r.run_id as string,
    stepId: r.step_id as string,
    status: r.status as StepRow['status'],
    attempts: Number(r.attempts),
    dependsOn: parse(r.depends_on as string),
    outputs: parse(r.outputs as string),
    jobId: (r.job_id as string | null) ?? null,
    claim: (r.claim as string | null) ?? null,
    notBefore: r.not_before === null || r.not_before === undefined ? null : Number(r.not_before),
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toOrchestratedStep(r: Record<string, unknown>): OrchestratedStep {
  return { stepId: r.step_id as string, status: r.status as OrchestratedStep['status'], attempts: Number(r.attempts), outputs: parse(r.outputs as string), worker: (r.worker as string | null) ?? null, startedAt: num(r.started_at), endedAt: num(r.ended_at), error: (r.error as string | null) ?? null };
}

function toRun(r: Record<string, unknown>, steps: OrchestratedStep[]): OrchestratedRun {
  return {
    id: r.id as string,
    pipeline: r.pipeline as string,
    params: parse(r.params as string),
    status: r.status as OrchestratedRunStatus,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    trigger: parse(r.trigger as string),
    tags: parse(r.tags as string),
    createdAt: Number(r.created_at),
    startedAt: num(r.started_at),
    endedAt: num(r.ended_at),
    error: (r.error as string | null) ?? null,
    steps,
  };
}
