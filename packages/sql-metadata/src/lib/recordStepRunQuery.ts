import type { Knex } from 'knex';
import type { ArtifactRecord, StepRunOutcome } from '@mlops/core';
import { pgQuery, prepareStatement, type PreparedStatement } from './pgQuery';
import * as rows from './rows';

const finalColumns = ['status', 'ended_at', 'logs', 'error', 'cached_from'] as const;

/**
 * Postgres: the step run, its inputs, the artifact name counters and the artifacts as one statement
 * of data-modifying CTEs (one round trip, one transaction). Inputs and artifacts travel as JSON
 * arrays, so the text is the same for every step and is prepared once per connection. The foreign
 * keys of inputs and artifacts to the step run are checked at the end of the statement, when the
 * step run's row exists. `$15` true: the commit does not wait for the disk (`durableWithNextCommit`).
 */
export function recordStepRunStatement(table: (name: string) => string): PreparedStatement {
  const names = table('artifact_names');
  return prepareStatement(`with sr as (
  insert into ${table('step_runs')} (id, run_id, step, status, cache_key, code_digest, params, started_at, ended_at, logs, error, cached_from)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  on conflict (id) do update set ${finalColumns.map((c) => `${c} = excluded.${c}`).join(', ')}
  returning id
), si as (
  insert into ${table('step_inputs')} (step_run_id, name, artifact_id)
  select x.step_run_id, x.name, x.artifact_id from json_to_recordset($13::json) as x(step_run_id text, name text, artifact_id text)
  on conflict do nothing
), a as (
  select * from json_to_recordset($14::json) as x(id text, name text, digest text, size double precision, serializer text, run_id text, step_run_id text, output text, created_at double precision, metadata text)
), v as (
  insert into ${names} as n (name, last_version) select name, 1 from a
  on conflict (name) do update set last_version = n.last_version + 1
  returning name, last_version
), ins as (
  insert into ${table('artifacts')} (id, name, version, digest, size, serializer, run_id, step_run_id, output, created_at, metadata)
  select a.id, a.name, v.last_version, a.digest, a.size, a.serializer, a.run_id, a.step_run_id, a.output, a.created_at, a.metadata from a join v on v.name = a.name
  returning id, version
)
select (select count(*) from sr) as n, (select coalesce(json_agg(json_build_array(id, version)), '[]'::json) from ins) as versions,
  case when $15::boolean then set_config('synchronous_commit', 'off', true) end as sc`);
}

export async function recordStepRunPostgres(knex: Knex, statement: PreparedStatement, o: StepRunOutcome, deferCommit: boolean): Promise<ArtifactRecord[]> {
  const r = rows.stepRunToRow(o.stepRun);
  const values = [r.id, r.run_id, r.step, r.status, r.cache_key, r.code_digest, r.params, r.started_at, r.ended_at, r.logs, r.error, r.cached_from];
  const artifacts = o.artifacts.map((a) => rows.artifactToRow({ ...a, version: 0 }));
  const [row] = await pgQuery<{ versions: [string, number][] }>(knex, statement, [...values, JSON.stringify(o.inputs.map(rows.stepInputToRow)), JSON.stringify(artifacts), deferCommit]);
  const versions = new Map(row!.versions);
  return o.artifacts.map((a) => ({ ...a, version: Number(versions.get(a.id)) }));
}

/** SQLite (and any other dialect): the same writes through knex, in one transaction. */
export function recordStepRunKnex(knex: Knex, table: (name: string, db: Knex.Transaction) => Knex.QueryBuilder, qualified: (name: string) => string, o: StepRunOutcome): Promise<ArtifactRecord[]> {
  return knex.transaction(async (trx) => {
    await table('step_runs', trx).insert(rows.stepRunToRow(o.stepRun)).onConflict('id').merge([...finalColumns]);
    if (o.inputs.length) await table('step_inputs', trx).insert(o.inputs.map(rows.stepInputToRow)).onConflict(['step_run_id', 'name']).ignore();
    const records: ArtifactRecord[] = [];
    for (const a of o.artifacts) {
      const result = await trx.raw('insert into ?? (name, last_version) values (?, 1) on conflict (name) do update set last_version = artifact_names.last_version + 1 returning last_version', [qualified('artifact_names'), a.name]);
      const returned = (Array.isArray(result) ? result : result.rows) as { last_version: number | string }[];
      records.push({ ...a, version: Number(returned[0]!.last_version) });
    }
    if (records.length) await table('artifacts', trx).insert(records.map(rows.artifactToRow));
    return records;
  });
}
