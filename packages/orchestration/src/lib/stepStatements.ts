import { prepareStatement, stepRunCtes, stepRunVersionsColumn, type PreparedStatement } from '@mlops/sql-metadata';
import { runsTable, stepsTable } from '../migrations/0001_orchestrator';

/** The planning step's id (`RunStore.planStep`; repeated here, where RunStore's module would be a cycle). */
const planStepId = '#plan';

/**
 * The statements every step runs on Postgres (its claim and its completion), as prepared SQL text
 * built once per schema: through knex's builder, compiling them cost a worker ~0.7 ms of CPU per
 * step. They say exactly what `RunStore`'s knex versions (kept for SQLite) say; the dependents of a
 * completion travel as two arrays, so one text serves any fan-out.
 */
export interface StepStatements {
  /** $1 run, $2 step, $3 job id, $4 claim token, $5 worker, $6 now → attempts, depends_on, dependents. */
  claim: PreparedStatement;
  /** The same, with $7 `staleBefore`: a running step is taken over only when its heartbeat is older. */
  claimStale: PreparedStatement;
  /**
   * A batch job's claim: $1 run, $2 the job's step ids in the order it runs them, $3 job id, $4 claim
   * token, $5 worker, $6 now → step_id, attempts, depends_on, dependents of each step claimed (an
   * ended step of a redelivered batch is skipped). An attempt is counted for each step claimed from
   * `queued`, and, of the steps already `running` (claimed by an earlier delivery of the job whose
   * worker died), only for the first in the job's order: the steps of a job run one after another, so
   * that one was the step in flight, and the others after it never started.
   */
  claimBatch: PreparedStatement;
  /** $1 run, $2 step, $3 claim, $4 outputs JSON, $5 now, $6 dependents, $7 their new job ids → done, released, steps_left, run_status. */
  complete: PreparedStatement;
  /**
   * `complete` and, only when its update matched, the metadata store's records of the succeeded step
   * run (its inputs, artifacts): $8… the step run's parameters (`stepRunValues`) → the same and
   * `versions`. One round trip and one durable commit for both, fenced by the claim.
   */
  completeRecording: PreparedStatement;
  /**
   * A planned run's steps (one statement instead of a transaction of four): $1 run, $2 the planning
   * step's claim, $3 now, $4… per step its id, depends_on JSON, count of pending upstream steps,
   * dependents JSON and job id (null: waiting), $9 their count → done (1 when the planning step's claim
   * held, and only then are the rows written). Like the claim, a lease (see `RunStore.asLease`).
   */
  recordPlan: PreparedStatement;
}

export function stepStatements(schema: string | undefined): StepStatements {
  const q = (t: string) => (schema ? `"${schema}"."${t}"` : `"${t}"`);
  const steps = q(stepsTable);
  const runs = q(runsTable);
  // The claim is a lease: its commit does not wait for the disk (see RunStore.asLease).
  const claim = (status: string) =>
    prepareStatement(`update ${steps} set status = 'running', claim = $4, worker = $5, started_at = $6, heartbeat_at = $6, attempts = attempts + 1, error = null
where run_id = $1 and step_id = $2 and job_id = $3
  and exists (select 1 from ${runs} where id = $1 and status = 'running')
  and ${status}
  and (select set_config('synchronous_commit', 'off', true)) is not null
returning attempts, depends_on, dependents`);
  const claimBatch = prepareStatement(`update ${steps} set status = 'running', claim = $4, worker = $5, started_at = $6, heartbeat_at = $6, error = null,
  attempts = attempts + case when status = 'queued' or step_id = (
    select f.step_id from ${steps} f where f.run_id = $1 and f.job_id = $3 and f.status = 'running' and f.step_id = any($2::text[]) order by array_position($2::text[], f.step_id) limit 1
  ) then 1 else 0 end
where run_id = $1 and step_id = any($2::text[]) and job_id = $3
  and exists (select 1 from ${runs} where id = $1 and status = 'running')
  and status in ('queued', 'running')
  and (select set_config('synchronous_commit', 'off', true)) is not null
returning step_id, attempts, depends_on, dependents`);
  // SET expressions see the row before the update: `pending_deps = 1` means "this was the last one".
  const last = "steps_left = 1 and status = 'running'";
  const completeCtes = `done as (
  update ${steps} set status = 'succeeded', outputs = $4, ended_at = $5
  where run_id = $1 and step_id = $2 and claim = $3 and status = 'running'
  returning step_id
), counted as (
  update ${runs} set steps_left = steps_left - 1, status = case when ${last} then 'succeeded' else status end, ended_at = case when ${last} then $5 else ended_at end
  where id = $1 and exists (select 1 from done)
  returning steps_left, status
), released as (
  update ${steps} s set pending_deps = s.pending_deps - 1, status = case when s.pending_deps = 1 then 'queued' else s.status end, job_id = case when s.pending_deps = 1 then d.job_id else s.job_id end
  from unnest($6::text[], $7::text[]) as d(step_id, job_id)
  where s.run_id = $1 and s.status = 'waiting' and s.step_id = d.step_id and exists (select 1 from done)
  returning s.step_id, s.status, s.job_id
)`;
  const completeColumns = `(select count(*) from done) as done, (select coalesce(json_agg(json_build_array(step_id, status, job_id)), '[]') from released) as released,
  (select steps_left from counted) as steps_left, (select status from counted) as run_status`;
  const complete = prepareStatement(`with ${completeCtes}
select ${completeColumns}`);
  const completeRecording = prepareStatement(`with ${completeCtes}, ${stepRunCtes(q, 8, 'exists (select 1 from done)')}
select ${completeColumns}, ${stepRunVersionsColumn}`);
  const recordPlan = prepareStatement(`with done as (
  update ${steps} set status = 'succeeded', ended_at = $3
  where run_id = $1 and step_id = '${planStepId}' and claim = $2 and status = 'running'
    and (select set_config('synchronous_commit', 'off', true)) is not null
  returning run_id
), added as (
  insert into ${steps} (run_id, step_id, status, attempts, depends_on, pending_deps, dependents, outputs, job_id)
  select $1, r.step_id, case when r.job_id is null then 'waiting' else 'queued' end, 0, r.depends_on, r.pending_deps, r.dependents, '{}', r.job_id
  from unnest($4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) as r(step_id, depends_on, pending_deps, dependents, job_id)
  where exists (select 1 from done)
  returning 1
), counted as (
  update ${runs} set steps_left = $9 where id = $1 and exists (select 1 from done)
  returning 1
)
select (select count(*) from done)::int as done`);
  return {
    recordPlan,
    claim: claim("status in ('queued', 'running')"),
    claimStale: claim("(status = 'queued' or (status = 'running' and (heartbeat_at is null or heartbeat_at < $7)))"),
    claimBatch,
    complete,
    completeRecording,
  };
}
