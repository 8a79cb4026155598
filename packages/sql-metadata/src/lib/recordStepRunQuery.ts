import type { Knex } from 'knex';
import type { ArtifactRecord, StepRunOutcome } from '@mlops/core';
import { pgQuery, prepareStatement, type PreparedStatement } from './pgQuery';
import * as rows from './rows';

const finalColumns = ['status', 'ended_at', 'logs', 'error', 'cached_from'] as const;
// The step run's columns in insert order, with their Postgres types: the row is inserted through a
// `select … where guard`, where untyped parameters would be taken for text.
const stepRunColumns = [
  ['id', 'text'],
  ['run_id', 'text'],
  ['step', 'text'],
  ['status', 'text'],
  ['cache_key', 'text'],
  ['code_digest', 'text'],
  ['params', 'text'],
  ['started_at', 'double precision'],
  ['ended_at', 'double precision'],
  ['logs', 'text'],
  ['error', 'text'],
  ['cached_from', 'text'],
] as const;

/** How many parameters {@link stepRunCtes} takes (see {@link stepRunValues}). */
export const stepRunParamCount = stepRunColumns.length + 2;

/**
 * The data-modifying CTEs that write a step run, its inputs, the artifact name counters and the
 * artifacts (named `sr`, `si`, `a`, `v`, `ins`; `ins` returns each artifact's id and version), with
 * parameters `$first…$(first + 13)` in the order of {@link stepRunValues}. Every write happens only
 * where `guard` (an SQL condition) holds: another statement composes them after a CTE of its own, so
 * the step run is recorded only when that one's update matched (an orchestrator's completion, fenced
 * by its claim). Inputs and artifacts travel as JSON arrays, so the text is the same for every step.
 * The foreign keys of inputs and artifacts to the step run are checked at the end of the statement,
 * when the step run's row exists.
 */
export function stepRunCtes(table: (name: string) => string, first = 1, guard = 'true'): string {
  const p = (k: number) => `$${first + k}`;
  return `sr as (
  insert into ${table('step_runs')} (${stepRunColumns.map(([c]) => c).join(', ')})
  select ${stepRunColumns.map(([, type], k) => `${p(k)}::${type}`).join(', ')} where ${guard}
  on conflict (id) do update set ${finalColumns.map((c) => `${c} = excluded.${c}`).join(', ')}
  returning id
), si as (
  insert into ${table('step_inputs')} (step_run_id, name, artifact_id)
  select x.step_run_id, x.name, x.artifact_id from json_to_recordset(${p(12)}::json) as x(step_run_id text, name text, artifact_id text) where ${guard}
  on conflict do nothing
), a as (
  select * from json_to_recordset(${p(13)}::json) as x(id text, name text, digest text, size double precision, serializer text, run_id text, step_run_id text, output text, created_at double precision, metadata text) where ${guard}
), ${artifactVersionCtes(table, 'a', 'v', 'ins')}`;
}

/**
 * The CTEs that give each artifact of CTE `source` the next version of its name (the per-name counter
 * in `artifact_names`, named `counted`) and insert it (named `inserted`, returning id and version).
 * Names must be distinct within one statement: a counter row is updated once per statement.
 */
export function artifactVersionCtes(table: (name: string) => string, source: string, counted: string, inserted: string): string {
  return `${counted} as (
  insert into ${table('artifact_names')} as n (name, last_version) select name, 1 from ${source}
  on conflict (name) do update set last_version = n.last_version + 1
  returning name, last_version
), ${inserted} as (
  insert into ${table('artifacts')} (id, name, version, digest, size, serializer, run_id, step_run_id, output, created_at, metadata)
  select a.id, a.name, c.last_version, a.digest, a.size, a.serializer, a.run_id, a.step_run_id, a.output, a.created_at, a.metadata from ${source} a join ${counted} c on c.name = a.name
  returning id, version
)`;
}

/** The parameters of {@link stepRunCtes} for one outcome. */
export function stepRunValues(o: StepRunOutcome): unknown[] {
  const r = rows.stepRunToRow(o.stepRun);
  const artifacts = o.artifacts.map((a) => rows.artifactToRow({ ...a, version: 0 }));
  return [r.id, r.run_id, r.step, r.status, r.cache_key, r.code_digest, r.params, r.started_at, r.ended_at, r.logs, r.error, r.cached_from, JSON.stringify(o.inputs.map(rows.stepInputToRow)), JSON.stringify(artifacts)];
}

/** The select list item that returns what `ins` wrote, as `[id, version]` pairs, named `versions`. */
export const stepRunVersionsColumn = `(select coalesce(json_agg(json_build_array(id, version)), '[]'::json) from ins) as versions`;

/** The outcome's artifacts with the versions `ins` gave them. */
export function withVersions(o: StepRunOutcome, versions: [string, number][]): ArtifactRecord[] {
  const byId = new Map(versions);
  return o.artifacts.map((a) => ({ ...a, version: Number(byId.get(a.id)) }));
}

/**
 * Postgres: the step run, its inputs, the artifact name counters and the artifacts as one statement
 * of data-modifying CTEs (one round trip, one transaction), prepared once per connection.
 * `$15` true: the commit does not wait for the disk (`durableWithNextCommit`).
 */
export function recordStepRunStatement(table: (name: string) => string): PreparedStatement {
  return prepareStatement(`with ${stepRunCtes(table)}
select (select count(*) from sr) as n, ${stepRunVersionsColumn},
  case when $15::boolean then set_config('synchronous_commit', 'off', true) end as sc`);
}

export async function recordStepRunPostgres(knex: Knex, statement: PreparedStatement, o: StepRunOutcome, deferCommit: boolean): Promise<ArtifactRecord[]> {
  const [row] = await pgQuery<{ versions: [string, number][] }>(knex, statement, [...stepRunValues(o), deferCommit]);
  return withVersions(o, row!.versions);
}

/** SQLite (and any other dialect): the same writes through knex, in one transaction. */
export function recordStepRunKnex(knex: Knex, table: (name: string, db: Knex.Transaction) => Knex.QueryBuilder, qualified: (name: string) => string, o: StepRunOutcome): Promise<ArtifactRecord[]> {
  return knex.transaction((trx) => writeStepRunKnex(trx, table, qualified, o));
}

/** The writes of {@link recordStepRunKnex} in a transaction the caller holds (which may write more in it). */
export async function writeStepRunKnex(trx: Knex.Transaction, table: (name: string, db: Knex.Transaction) => Knex.QueryBuilder, qualified: (name: string) => string, o: StepRunOutcome): Promise<ArtifactRecord[]> {
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
}

/** {@link writeStepRunKnex} on the tables of a database handle (the metadata store's schema). */
export function writeStepRunInTransaction(handle: { schema: string | undefined }, trx: Knex.Transaction, o: StepRunOutcome): Promise<ArtifactRecord[]> {
  const qualified = (name: string) => (handle.schema ? `${handle.schema}.${name}` : name);
  return writeStepRunKnex(trx, (name, db) => db(qualified(name)), qualified, o);
}
