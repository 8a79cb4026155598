import type { Knex } from 'knex';
import type { Json, RunEnvironment } from '@mlops/core';
import { artifactFromRow, datasetFromRow, metricValue, type ArtifactRow, type DatasetRow, type RunDetails } from './runRows';

/** Ids per `where run_id in (…)`, far below every driver's bound-parameter limit. */
const idsPerQuery = 500;

type Table = (name: string) => Knex.QueryBuilder;

/**
 * Params, latest metrics, tags, datasets, artifacts and environments of a page of runs: six queries
 * per 500 runs, however many runs and keys (no query per run).
 */
export async function loadRunDetails(table: Table, runIds: readonly string[]): Promise<RunDetails> {
  const details: RunDetails = { params: new Map(), metrics: new Map(), tags: new Map(), datasets: new Map(), artifacts: new Map(), environments: new Map() };
  for (let i = 0; i < runIds.length; i += idsPerQuery) {
    const ids = runIds.slice(i, i + idsPerQuery);
    const [params, metrics, tags, datasets, artifacts, environments] = await Promise.all([
      table('tracker_params').select('run_id', 'key', 'value').whereIn('run_id', ids).orderBy(['run_id', 'key']),
      table('tracker_latest_metrics').select('run_id', 'key', 'value').whereIn('run_id', ids).orderBy(['run_id', 'key']),
      table('tracker_tags').select('run_id', 'key', 'value').whereIn('run_id', ids).orderBy(['run_id', 'key']),
      table('tracker_datasets').select('*').whereIn('run_id', ids).orderBy(['run_id', 'role', 'name', 'digest']),
      table('tracker_artifacts').select('*').whereIn('run_id', ids).orderBy(['run_id', 'name', 'digest']),
      table('tracker_environments').select('run_id', 'environment').whereIn('run_id', ids),
    ]);
    for (const r of params as { run_id: string; key: string; value: string }[]) record(details.params, r.run_id)[r.key] = JSON.parse(r.value) as Json;
    for (const r of metrics as { run_id: string; key: string; value: number | null }[]) record(details.metrics, r.run_id)[r.key] = metricValue(r.value);
    for (const r of tags as { run_id: string; key: string; value: string }[]) record(details.tags, r.run_id)[r.key] = r.value;
    for (const r of datasets as DatasetRow[]) list(details.datasets, r.run_id).push(datasetFromRow(r));
    for (const r of artifacts as ArtifactRow[]) list(details.artifacts, r.run_id).push(artifactFromRow(r));
    for (const r of environments as { run_id: string; environment: string }[]) details.environments.set(r.run_id, JSON.parse(r.environment) as RunEnvironment);
  }
  return details;
}

function record<V>(map: Map<string, Record<string, V>>, id: string): Record<string, V> {
  let r = map.get(id);
  if (!r) map.set(id, (r = {}));
  return r;
}

function list<V>(map: Map<string, V[]>, id: string): V[] {
  let l = map.get(id);
  if (!l) map.set(id, (l = []));
  return l;
}
