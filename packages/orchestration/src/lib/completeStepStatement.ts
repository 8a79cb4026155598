import type { Knex } from 'knex';
import { createId } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { runsTable, stepsTable } from '../migrations/0001_orchestrator';
import type { StepOutcome } from '../RunStore';

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

/**
 * A step's completion as three conditional updates: the step (only by its current claim), its
 * dependents' pending counts (a waiting step reaching zero is queued with a fresh job id) and the
 * run's count of steps left (the run succeeds at zero). On Postgres they are one statement (data-
 * modifying CTEs, one round trip); SQLite, which has none, runs them in one transaction.
 */
export async function completeStepStatement(sql: SqlStoreHandle, t: Table, c: Completion): Promise<StepOutcome> {
  const knex = sql.knex;
  const jobIds = c.dependents.map(() => createId());
  const markDone = (db: Knex | Knex.Transaction) => t(db, stepsTable).where({ run_id: c.runId, step_id: c.stepId, claim: c.claim, status: 'running' }).update({ status: 'succeeded', outputs: c.outputs, ended_at: c.now }, ['step_id']);
  // SET expressions see the row before the update: `pending_deps = 1` means "this was the last one".
  const jobIdOf = knex.raw(`case step_id ${c.dependents.map(() => 'when ? then ?').join(' ')} end`, c.dependents.flatMap((d, i) => [d, jobIds[i]]));
  const release = (db: Knex | Knex.Transaction) =>
    t(db, stepsTable)
      .where({ run_id: c.runId, status: 'waiting' })
      .whereIn('step_id', c.dependents as string[])
      .update({ pending_deps: knex.raw('pending_deps - 1'), status: knex.raw("case when pending_deps = 1 then 'queued' else status end"), job_id: knex.raw('case when pending_deps = 1 then ? else job_id end', [jobIdOf]) }, ['step_id', 'status', 'job_id']);
  const last = "steps_left = 1 and status = 'running'";
  const countDown = (db: Knex | Knex.Transaction) => t(db, runsTable).where({ id: c.runId }).update({ steps_left: knex.raw('steps_left - 1'), status: knex.raw(`case when ${last} then 'succeeded' else status end`), ended_at: knex.raw(`case when ${last} then ? else ended_at end`, [c.now]) }, ['steps_left', 'status']);

  let done: boolean;
  let released: { step_id: string; status: string; job_id: string }[] = [];
  let run: { steps_left: number | null; status: string } | undefined;
  if (sql.dialect === 'postgresql') {
    const afterDone = (q: Knex.QueryBuilder) => q.whereExists((w) => void w.select(knex.raw('1')).from('done'));
    let q = knex.with('done', markDone(knex)).with('counted', afterDone(countDown(knex)));
    if (c.dependents.length) q = q.with('released', afterDone(release(knex)));
    const releasedSql = c.dependents.length ? "(select coalesce(json_agg(json_build_array(step_id, status, job_id)), '[]') from released)" : "'[]'::json";
    const [row] = (await q.select(knex.raw(`(select count(*) from done) as done, ${releasedSql} as released, (select steps_left from counted) as steps_left, (select status from counted) as run_status`))) as { done: string; released: [string, string, string][]; steps_left: number | null; run_status: string | null }[];
    done = Number(row.done) > 0;
    released = row.released.map(([step_id, status, job_id]) => ({ step_id, status, job_id }));
    run = row.run_status === null ? undefined : { steps_left: row.steps_left, status: row.run_status };
  } else {
    [done, released, run] = await knex.transaction(async (trx) => {
      if (!(await markDone(trx)).length) return [false, [], undefined];
      return [true, c.dependents.length ? await release(trx) : [], (await countDown(trx))[0]];
    });
  }
  if (!done) return { accepted: false, enqueue: [] };
  const enqueue = released.filter((r) => r.status === 'queued').map((r) => ({ jobId: r.job_id, runId: c.runId, stepId: r.step_id, notBefore: null }));
  const ended = run !== undefined && Number(run.steps_left) === 0 && run.status === 'succeeded';
  return { accepted: true, enqueue, runEnded: ended ? { runId: c.runId, status: 'succeeded', endedAt: c.now, error: null } : undefined };
}
