import type { DatasetRef, Json, RunEnvironment, TrackedArtifact, TrackedRun, TrackedRunStatus } from '@mlops/core';

/** Column shapes as stored: snake_case, times as epoch-ms doubles. */
export interface RunRow {
  id: string;
  experiment: string;
  name: string | null;
  parent_id: string | null;
  status: string;
  started_at: number;
  ended_at: number | null;
  pipeline_run_id: string | null;
}

export interface DatasetRow {
  run_id: string;
  role: string;
  name: string;
  digest: string;
  rows: number | null;
  artifact_id: string | null;
}

export interface ArtifactRow {
  run_id: string;
  name: string;
  digest: string;
  artifact_id: string | null;
}

/** Everything but the run row itself, by run id. */
export interface RunDetails {
  params: Map<string, Record<string, Json>>;
  metrics: Map<string, Record<string, number>>;
  tags: Map<string, Record<string, string>>;
  datasets: Map<string, DatasetRef[]>;
  artifacts: Map<string, TrackedArtifact[]>;
  environments: Map<string, RunEnvironment>;
}

// Number() guards against drivers returning numeric columns as strings.
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

/** A stored metric value: NULL stands for NaN. */
export const metricValue = (v: number | string | null): number => (v === null ? NaN : Number(v));

export function runFromRow(row: RunRow, details: RunDetails): TrackedRun {
  return {
    id: row.id,
    experiment: row.experiment,
    name: row.name,
    parentId: row.parent_id,
    status: row.status as TrackedRunStatus,
    startedAt: Number(row.started_at),
    endedAt: numOrNull(row.ended_at),
    params: details.params.get(row.id) ?? {},
    metrics: details.metrics.get(row.id) ?? {},
    tags: details.tags.get(row.id) ?? {},
    datasets: details.datasets.get(row.id) ?? [],
    artifacts: details.artifacts.get(row.id) ?? [],
    environment: details.environments.get(row.id) ?? null,
    pipelineRunId: row.pipeline_run_id,
  };
}

export function datasetToRow(runId: string, d: DatasetRef): DatasetRow {
  return { run_id: runId, role: d.role, name: d.name, digest: d.digest, rows: d.rows ?? null, artifact_id: d.artifactId ?? null };
}

export function datasetFromRow(r: DatasetRow): DatasetRef {
  return { name: r.name, digest: r.digest, role: r.role as DatasetRef['role'], rows: numOrNull(r.rows), artifactId: r.artifact_id };
}

export function artifactFromRow(r: ArtifactRow): TrackedArtifact {
  return { name: r.name, digest: r.digest, artifactId: r.artifact_id };
}
