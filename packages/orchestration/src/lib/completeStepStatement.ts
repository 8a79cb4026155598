import type { Knex } from 'knex';
import { createId, type ArtifactRecord, type StepRunOutcome } from '@mlops/core';
import { pgQuery, stepRunValues, withVersions, writeStepRunInTransaction, type PreparedStatement, type SqlStoreHandle } from '@mlops/sql-metadata';
import { runsTable, stepsTable } from '../migrations/0001_orchestrator';
import type { StepOutcome } from '../RunStore';
import { stepStatements } from './stepStatements';

type Table = (db: Knex | Knex.Transaction, table: string) => Knex.QueryBuilder;

interface Completion {
  runId: string;
  stepId: string;
  claim: string;
  /** JSON text: output name → artifact id. */
  outputs: string;
  dependents: readonly string[];
  now: number;
  /** The job id of each dependent, if it is released (dependents released together may share one); default one each. */
  jobIds?: readonly string[];
  /** Set: the succeeded step run to record in the metadata store's tables, only if the completion is accepted. */
  record?: StepRunOutcome;
}

/** The outcome, and the recorded artifacts (with their versions) when the completion carried a step run and was accepted. */
export type CompletionResult = StepOutcome & { records?: ArtifactRecord[] };

type Released = { step_id: string; status: string; job_id: string };
type RunCount = { steps_left: number | null; status: string };

/**
 * A step's completion as three conditional updates: the step (only by its current claim), its
 * dependents' pending counts (a waiting step reaching zero is queued with a fresh job id) and the
 * run's count of steps left (the run succeeds at zero); with `record`, also the step run's records in
 * the metadata store's tables, written only when the step's update matched. On Postgres they are one
 * prepared statement of data-modifying CTEs (`stepStatements().complete` or `.completeRecording`, one
 * round trip; `prepared` holds them, built once by the caller); SQLite, which has none, runs them in
 * one transaction through knex.
 */
export async function completeStepStatement(sql: SqlStoreHandle, t: Table, c: Completion, prepared?: { complete: PreparedStatement; completeRecording: PreparedStatement }): Promise<CompletionResult> {
  const jobIds = c.jobIds ?? c.dependents.map(() => createId());
  if (sql.dialect === 'postgresql') {
    const statements = prepared ?? stepStatements(sql.schema);
    const values = [c.runId, c.stepId, c.claim, c.outputs, c.now, c.dependents, jobIds, ...(c.record ? stepRunValues(c.record) : [])];
    const [row] = await pgQuery<{ done: string; released: [string, string, string][]; steps_left: number | null; run_status: string | null; versions?: [string, number][] }>(sql.knex, c.record ? statements.completeRecording : statements.complete, values);
    if (!(Number(row.done) > 0)) return { accepted: false, enqueue: [] };
    const released = row.released.map(([step_id, status, job_id]) => ({ step_id, status, job_id }));
    const result: CompletionResult = outcome(c, released, row.run_status === null ? undefined : { steps_left: row.steps_left, status: row.run_status });
    if (c.record) result.records = withVersions(c.record, row.versions ?? []);
    return result;
  }
  const knex = sql.knex;
  const [done, released, run, records] = await knex.transaction(async (trx): Promise<[boolean, Released[], RunCount | undefined, ArtifactRecord[] | undefined]> => {
    const marked = await t(trx, stepsTable).where({ run_id: c.runId, step_id: c.stepId, claim: c.claim, status: 'running' }).update({ status: 'succeeded', outputs: c.outputs, ended_at: c.now }, ['step_id']);
    if (!marked.length) return [false, [], undefined, undefined];
    const records = c.record ? await writeStepRunInTransaction(sql, trx, c.record) : undefined;
    // SET expressions see the row before the update: `pending_deps = 1` means "this was the last one".
    const jobIdOf = knex.raw(`case step_id ${c.dependents.map(() => 'when ? then ?').join(' ')} end`, c.dependents.flatMap((d, i) => [d, jobIds[i]]));
    const released = c.dependents.length
      ? ((await t(trx, stepsTable)
          .where({ run_id: c.runId, status: 'waiting' })
          .whereIn('step_id', c.dependents as string[])
          .update({ pending_deps: knex.raw('pending_deps - 1'), status: knex.raw("case when pending_deps = 1 then 'queued' else status end"), job_id: knex.raw('case when pending_deps = 1 then ? else job_id end', [jobIdOf]) }, ['step_id', 'status', 'job_id'])) as Released[])
      : [];
    const last = "steps_left = 1 and status = 'running'";
    const [run] = (await t(trx, runsTable)
      .where({ id: c.runId })
      .update({ steps_left: knex.raw('steps_left - 1'), status: knex.raw(`case when ${last} then 'succeeded' else status end`), ended_at: knex.raw(`case when ${last} then ? else ended_at end`, [c.now]) }, ['steps_left', 'status'])) as RunCount[];
    return [true, released, run, records];
  });
  if (!done) return { accepted: false, enqueue: [] };
  return records ? { ...outcome(c, released, run), records } : outcome(c, released, run);
}

function outcome(c: Completion, released: Released[], run: RunCount | undefined): StepOutcome {
  const enqueue = released.filter((r) => r.status === 'queued').map((r) => ({ jobId: r.job_id, runId: c.runId, stepId: r.step_id, notBefore: null }));
  const ended = run !== undefined && Number(run.steps_left) === 0 && run.status === 'succeeded';
  return { accepted: true, enqueue, runEnded: ended ? { runId: c.runId, status: 'succeeded', endedAt: c.now, error: null } : undefined, runStatus: run?.status };
}
