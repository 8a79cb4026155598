import type { Knex } from 'knex';
import { createId, type ArtifactRecord, type StepRunOutcome } from '@mlops/core';
import { pgQuery, prepareStatement, stepRunsCtes, stepRunsValues, stepRunsVersionsColumn, withVersions, type PreparedStatement, type SqlStoreHandle } from '@mlops/sql-metadata';
import { runsTable, stepsTable } from '../migrations/0001_orchestrator';
import type { QueuedJob, StepOutcome } from '../RunStore';
import { completeStepStatement, type CompletionResult } from './completeStepStatement';

type Table = (db: Knex | Knex.Transaction, table: string) => Knex.QueryBuilder;

/** One step's completion in a group (see {@link completeBatchStatement}). */
export interface BatchCompletion {
  stepId: string;
  claim: string;
  /** Output name → artifact id. */
  outputs: Record<string, string>;
  dependents: readonly string[];
  /** Set: the succeeded step run to record with it (only if its completion is accepted). */
  record?: StepRunOutcome;
}

/** Per step, in the order given: whether its claim still held, and its recorded artifacts. The released steps and the run's end are in `outcome`. */
export interface BatchResult {
  steps: { accepted: boolean; records?: ArtifactRecord[] }[];
  /** Every step the group released (fan-in counted across the group), and the run's end if the group ended it. */
  outcome: StepOutcome;
}

/**
 * The completions of several steps of one run in one statement, one durable commit (a batch job's
 * group commit): each step is marked succeeded only by its own claim (`done`), the run counts down
 * all of them at once, and each waiting dependent counts down by how many of its upstream steps are
 * in `done` (two parents of one child finishing in one group release it once, at the right count:
 * an `update … from` with the child joined twice would apply only one of the rows). The step runs of
 * the accepted steps are recorded with them. Concurrent statements of other workers serialise on the
 * rows they decrement, as single completions do.
 */
export function completeBatchText(q: (t: string) => string): string {
  const steps = q(stepsTable);
  const runs = q(runsTable);
  const n = '(select count(*) from done)';
  const last = `steps_left = ${n} and status = 'running'`;
  return `with i as (
  select * from unnest($2::text[], $3::text[], $4::text[]) as i(step_id, claim, outputs)
), done as (
  update ${steps} s set status = 'succeeded', outputs = i.outputs, ended_at = $5
  from i where s.run_id = $1 and s.step_id = i.step_id and s.claim = i.claim and s.status = 'running'
  returning s.step_id, s.dependents
), fan as (
  select d.step_id, count(*)::int as n from done, json_array_elements_text(coalesce(done.dependents, '[]')::json) as d(step_id) group by d.step_id
), counted as (
  update ${runs} set steps_left = steps_left - ${n}, status = case when ${last} then 'succeeded' else status end, ended_at = case when ${last} then $5 else ended_at end
  where id = $1 and exists (select 1 from done)
  returning steps_left, status
), released as (
  update ${steps} s set pending_deps = s.pending_deps - f.n, status = case when s.pending_deps = f.n then 'queued' else s.status end, job_id = case when s.pending_deps = f.n then j.job_id else s.job_id end
  from fan f join unnest($6::text[], $7::text[]) as j(step_id, job_id) on j.step_id = f.step_id
  where s.run_id = $1 and s.status = 'waiting' and s.step_id = f.step_id
  returning s.step_id, s.status, s.job_id
), ${stepRunsCtes(q, 8, `x.run_id = $1 and x.step in (select step_id from done)`)}
select (select coalesce(json_agg(step_id), '[]'::json) from done) as done, (select coalesce(json_agg(json_build_array(step_id, status, job_id)), '[]') from released) as released,
  (select steps_left from counted) as steps_left, (select status from counted) as run_status, ${stepRunsVersionsColumn}`;
}

const prepared = new Map<string, PreparedStatement>();

/**
 * Completes `steps` of run `runId` at `now`: on Postgres in one statement ({@link completeBatchText});
 * elsewhere (SQLite) one completion after another, each its own transaction. `jobIds` gives each
 * dependent that may be released its job id (dependents released together may share one).
 */
export async function completeBatchStatement(sql: SqlStoreHandle, t: Table, runId: string, steps: readonly BatchCompletion[], now: number, jobIds: ReadonlyMap<string, string>): Promise<BatchResult> {
  if (sql.dialect !== 'postgresql') return completeOneByOne(sql, t, runId, steps, now, jobIds);
  const key = sql.schema ?? '';
  let statement = prepared.get(key);
  if (!statement) prepared.set(key, (statement = prepareStatement(completeBatchText((x) => (sql.schema ? `"${sql.schema}"."${x}"` : `"${x}"`)))));
  const dependents = [...jobIds.keys()];
  const records = steps.flatMap((s) => (s.record ? [s.record] : []));
  const values = [runId, steps.map((s) => s.stepId), steps.map((s) => s.claim), steps.map((s) => JSON.stringify(s.outputs)), now, dependents, dependents.map((d) => jobIds.get(d)!), ...stepRunsValues(records)];
  const [row] = await pgQuery<{ done: string[]; released: [string, string, string][]; steps_left: number | null; run_status: string | null; versions: [string, number][] }>(sql.knex, statement, values);
  const done = new Set(row.done);
  const enqueue: QueuedJob[] = row.released.filter(([, status]) => status === 'queued').map(([stepId, , jobId]) => ({ jobId, runId, stepId, notBefore: null }));
  const ended = row.run_status !== null && Number(row.steps_left) === 0 && row.run_status === 'succeeded';
  return {
    steps: steps.map((s) => (done.has(s.stepId) ? { accepted: true, records: s.record ? withVersions(s.record, row.versions) : undefined } : { accepted: false })),
    outcome: { accepted: done.size > 0, enqueue, runEnded: ended ? { runId, status: 'succeeded', endedAt: now, error: null } : undefined, runStatus: row.run_status ?? undefined },
  };
}

async function completeOneByOne(sql: SqlStoreHandle, t: Table, runId: string, steps: readonly BatchCompletion[], now: number, jobIds: ReadonlyMap<string, string>): Promise<BatchResult> {
  const results: CompletionResult[] = [];
  for (const s of steps) {
    results.push(await completeStepStatement(sql, t, { runId, stepId: s.stepId, claim: s.claim, outputs: JSON.stringify(s.outputs), dependents: s.dependents, now, jobIds: s.dependents.map((d) => jobIds.get(d) ?? createId()), record: s.record }));
  }
  const accepted = results.filter((r) => r.accepted);
  return {
    steps: results.map((r) => ({ accepted: r.accepted, records: r.records })),
    outcome: { accepted: accepted.length > 0, enqueue: accepted.flatMap((r) => r.enqueue), runEnded: accepted.find((r) => r.runEnded)?.runEnded, runStatus: accepted.at(-1)?.runStatus },
  };
}
