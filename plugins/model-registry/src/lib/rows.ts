import type { DatasetRef, Json, ModelEvaluation, ModelFeatures, ModelSignature, ModelVersion, RegistryEvent, RegistryEventType } from '@mlops/core';

/** A `registry_versions` row. */
export interface VersionRow {
  name: string;
  version: number;
  run_id: string | null;
  artifacts: string;
  signature: string;
  datasets: string;
  tags: string;
  description: string | null;
  training: string | null;
  /** JSON `ModelFeatures`; null for a model not trained from a feature service. */
  features: string | null;
  created_at: number;
  created_by: string;
  /** {@link versionIdentity} of artifacts and signature; null on duplicates registered before 0002. */
  identity?: string | null;
}

/** A `registry_evaluations` row. */
export interface EvaluationRow {
  id: number;
  name: string;
  version: number;
  dataset_digest: string;
  dataset_name: string | null;
  metrics: string;
  slices: string | null;
  evaluated_at: number;
}

/** A `registry_events` row. */
export interface EventRow {
  id: number;
  model: string;
  version: number | null;
  type: string;
  alias: string | null;
  from_version: number | null;
  actor: string;
  reason: string | null;
  at: number;
  details: string;
}

/** An event before it has an id. */
export type NewEvent = Omit<RegistryEvent, 'id'>;

// pg returns integers of `increments` columns as numbers but aggregates as strings; normalise once.
const num = (v: number | string): number => Number(v);
const optNum = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function evaluationToRow(name: string, version: number, e: ModelEvaluation): Omit<EvaluationRow, 'id'> {
  return {
    name,
    version,
    dataset_digest: e.datasetDigest,
    dataset_name: e.datasetName ?? null,
    metrics: JSON.stringify(e.metrics),
    slices: e.slices === undefined ? null : JSON.stringify(e.slices),
    evaluated_at: e.evaluatedAt,
  };
}

export function evaluationFromRow(row: EvaluationRow): ModelEvaluation {
  const e: ModelEvaluation = {
    datasetDigest: row.dataset_digest,
    datasetName: row.dataset_name,
    metrics: JSON.parse(row.metrics) as Record<string, number>,
    evaluatedAt: num(row.evaluated_at),
  };
  if (row.slices !== null) e.slices = JSON.parse(row.slices) as Record<string, Record<string, number>>;
  return e;
}

export function versionFromRow(row: VersionRow, evaluations: ModelEvaluation[], aliases: string[]): ModelVersion {
  return {
    name: row.name,
    version: num(row.version),
    runId: row.run_id,
    artifacts: JSON.parse(row.artifacts) as Record<string, string>,
    signature: JSON.parse(row.signature) as ModelSignature,
    evaluations,
    datasets: JSON.parse(row.datasets) as DatasetRef[],
    tags: JSON.parse(row.tags) as Record<string, string>,
    description: row.description,
    training: row.training === null ? null : (JSON.parse(row.training) as { kind: string; params: Json }),
    features: row.features ? (JSON.parse(row.features) as ModelFeatures) : null,
    aliases,
    createdAt: num(row.created_at),
    createdBy: row.created_by,
  };
}

export function eventToRow(e: NewEvent): Omit<EventRow, 'id'> {
  return {
    model: e.model,
    version: e.version,
    type: e.type,
    alias: e.alias,
    from_version: e.fromVersion,
    actor: e.actor,
    reason: e.reason,
    at: e.at,
    details: JSON.stringify(e.details),
  };
}

export function eventFromRow(row: EventRow): RegistryEvent {
  return {
    id: num(row.id),
    model: row.model,
    version: optNum(row.version),
    type: row.type as RegistryEventType,
    alias: row.alias,
    fromVersion: optNum(row.from_version),
    actor: row.actor,
    reason: row.reason,
    at: num(row.at),
    details: JSON.parse(row.details) as Json,
  };
}
