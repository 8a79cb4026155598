import type { StepRunOutcome } from '@mlops/core';
import { artifactVersionCtes } from './recordStepRunQuery';
import * as rows from './rows';

// The step run's columns and their Postgres types, as `json_to_recordset` reads them.
const stepRunRecordset = 'id text, run_id text, step text, status text, cache_key text, code_digest text, params text, started_at double precision, ended_at double precision, logs text, error text, cached_from text';
const finalColumns = ['status', 'ended_at', 'logs', 'error', 'cached_from'];

/**
 * {@link stepRunCtes} for any number of step runs in one statement (an orchestrator's group commit of
 * a batch): `$first` the step runs, `$first+1` their inputs, `$first+2` their artifacts, each a JSON
 * array (see {@link stepRunsValues}), so one text serves any batch. `guard` is an SQL condition on a
 * step run's row `x` (its `run_id`, `step`): only the step runs it admits are written, with their
 * inputs and artifacts (another CTE decides, e.g. the steps whose claim still held). CTEs named
 * `srs`, `sis`, `as_`, `vs`, `inss`; `inss` returns each artifact's id and version. Artifact names are
 * `<pipeline>/<step>/<output>`, distinct within a batch (its steps are distinct), so each name's
 * counter moves once per statement.
 */
export function stepRunsCtes(table: (name: string) => string, first: number, guard: string): string {
  const p = (k: number) => `$${first + k}`;
  return `srs as (
  insert into ${table('step_runs')} (id, run_id, step, status, cache_key, code_digest, params, started_at, ended_at, logs, error, cached_from)
  select x.* from json_to_recordset(${p(0)}::json) as x(${stepRunRecordset}) where ${guard}
  on conflict (id) do update set ${finalColumns.map((c) => `${c} = excluded.${c}`).join(', ')}
  returning id
), sis as (
  insert into ${table('step_inputs')} (step_run_id, name, artifact_id)
  select x.step_run_id, x.name, x.artifact_id from json_to_recordset(${p(1)}::json) as x(step_run_id text, name text, artifact_id text) where x.step_run_id in (select id from srs)
  on conflict do nothing
), as_ as (
  select * from json_to_recordset(${p(2)}::json) as x(id text, name text, digest text, size double precision, serializer text, run_id text, step_run_id text, output text, created_at double precision, metadata text) where x.step_run_id in (select id from srs)
), ${artifactVersionCtes(table, 'as_', 'vs', 'inss')}`;
}

/** The three parameters of {@link stepRunsCtes} for these outcomes. */
export function stepRunsValues(outcomes: readonly StepRunOutcome[]): [string, string, string] {
  return [
    JSON.stringify(outcomes.map((o) => rows.stepRunToRow(o.stepRun))),
    JSON.stringify(outcomes.flatMap((o) => o.inputs.map(rows.stepInputToRow))),
    JSON.stringify(outcomes.flatMap((o) => o.artifacts.map((a) => rows.artifactToRow({ ...a, version: 0 })))),
  ];
}

/** The select list item that returns what `inss` wrote, as `[id, version]` pairs, named `versions`. */
export const stepRunsVersionsColumn = `(select coalesce(json_agg(json_build_array(id, version)), '[]'::json) from inss) as versions`;
