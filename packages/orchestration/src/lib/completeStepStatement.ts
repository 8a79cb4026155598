import type { Knex } from 'knex';
import { createId } from '@mlops/core';
import { pgQuery, type PreparedStatement, type SqlStoreHandle } from '@mlops/sql-metadata';
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
}

type Released = { step_id: string; status: string; job_id: string };
type RunCount = { steps_left: number | null; status: string };

/**
 * A step's completion as three conditional updates: the step (only by its current claim), its
 * dependents' pending counts (a waiting step reaching zero is queued with a fresh job id) and the
 * run's count of steps left (the run succeeds at zero). On Postgres they are one prepared statement
 * of data-modifying CTEs (`stepStatements().complete`, one round trip; `prepared` is that statement,
 * built once by the caller); SQLite, which has none, runs them in one transaction through knex.
 */
export async function completeStepStatement(sql: SqlStoreHandle, t: Table, c: Completion, prepared?: PreparedStatement): Promise<StepOutcome> {
  const jobIds = c.dependents.map(() => createId());
  if (sql.dialect === 'postgresql') {
    const statement = prepared ?? stepStatements(sql.schema).complete;
    const [row] = await pgQuery<{ done: string; released: [string, string, string][]; steps_left: number | null; run_status: string | null }>(sql.knex, statement, [c.runId, c.stepId, c.claim, c.outputs, c.now, c.dependents, jobIds]);
    if (!(Number(row.done) > 0)) return { accepted: false, enqueue: [] };
    const released = row.released.map(([step_id, status, job_id]) => ({ step_id, status, job_id }));
    return outcome(c, released, row.run_status === null ? undefined : { steps_left: row.steps_left, status: row.run_status });
  }
  const knex = sql.knex;
  const [done, released, run] = await knex.transaction(async (trx): Promise<[boolean, Released[], RunCount | undefined]> => {
    const marked = await t(trx, stepsTable).where({ run_id: c.runId, step_id: c.stepId, claim: c.claim, status: 'running' }).update({ status: 'succeeded', outputs: c.outputs, ended_at: c.now }, ['step_id']);
    if (!marked.length) return [false, [], undefined];
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
    return [true, released, run];
  });
  if (!done) return { accepted: false, enqueue: [] };
  return outcome(c, released, run);
}

function outcome(c: Completion, released: Released[], run: RunCount | undefined): StepOutcome {
  const enqueue = released.filter((r) => r.status === 'queued').map((r) => ({ jobId: r.job_id, runId: c.runId, stepId: r.step_id, notBefore: null }));
  const ended = run !== undefined && Number(run.steps_left) === 0 && run.status === 'succeeded';
  return { accepted: true, enqueue, runEnded: ended ? { runId: c.runId, status: 'succeeded', endedAt: c.now, error: null } : undefined };
}
