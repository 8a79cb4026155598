import type { ArtifactRecord, Json, RunRecord, StepInputRecord, StepRunRecord } from '@mlops/core';

/** Column shapes as stored: snake_case, JSON as TEXT, times as epoch-ms doubles. */
export interface RunRow {
  id: string;
  pipeline: string;
  status: string;
  params: string;
  started_at: number;
  ended_at: number | null;
  error: string | null;
  host: string;
  pid: number;
  config_digest: string | null;
  tags: string;
}

export interface StepRunRow {
  id: string;
  run_id: string;
  step: string;
  status: string;
  cache_key: string;
  code_digest: string;
  params: string;
  started_at: number;
  ended_at: number | null;
  logs: string;
  error: string | null;
  cached_from: string | null;
}

export interface ArtifactRow {
  id: string;
  name: string;
  version: number;
  digest: string;
  size: number;
  serializer: string;
  run_id: string;
  step_run_id: string;
  output: string;
  created_at: number;
  metadata: string;
}

export interface StepInputRow {
  step_run_id: string;
  name: string;
  artifact_id: string;
}

// Number() guards against drivers that return numeric columns as strings (e.g. a user-supplied pg
// type parser for float8).
const num = (v: number | string) => Number(v);
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));
const json = (v: Json) => JSON.stringify(v ?? null);
const parse = <T = Json>(v: string): T => JSON.parse(v) as T;

export const runToRow = (r: RunRecord): RunRow => ({
  id: r.id,
  pipeline: r.pipeline,
  status: r.status,
  params: json(r.params),
  started_at: r.startedAt,
  ended_at: r.endedAt,
  error: r.error,
  host: r.host,
  pid: r.pid,
  config_digest: r.configDigest,
  tags: JSON.stringify(r.tags ?? {}),
});

export const runFromRow = (r: RunRow): RunRecord => ({
  id: r.id,
  pipeline: r.pipeline,
  status: r.status as RunRecord['status'],
  params: parse(r.params),
  startedAt: num(r.started_at),
  endedAt: numOrNull(r.ended_at),
  error: r.error,
  host: r.host,
  pid: num(r.pid),
  configDigest: r.config_digest,
  tags: parse<Record<string, string>>(r.tags),
});

export const stepRunToRow = (s: StepRunRecord): StepRunRow => ({
  id: s.id,
  run_id: s.runId,
  step: s.step,
  status: s.status,
  cache_key: s.cacheKey,
  code_digest: s.codeDigest,
  params: json(s.params),
  started_at: s.startedAt,
  ended_at: s.endedAt,
  logs: s.logs,
  error: s.error,
  cached_from: s.cachedFrom,
});

export const stepRunFromRow = (s: StepRunRow): StepRunRecord => ({
  id: s.id,
  runId: s.run_id,
  step: s.step,
  status: s.status as StepRunRecord['status'],
  cacheKey: s.cache_key,
  codeDigest: s.code_digest,
  params: parse(s.params),
  startedAt: num(s.started_at),
  endedAt: numOrNull(s.ended_at),
  logs: s.logs,
  error: s.error,
  cachedFrom: s.cached_from,
});

export const artifactToRow = (a: ArtifactRecord): ArtifactRow => ({
  id: a.id,
  name: a.name,
  version: a.version,
  digest: a.digest,
  size: a.size,
  serializer: a.serializer,
  run_id: a.runId,
  step_run_id: a.stepRunId,
  output: a.output,
  created_at: a.createdAt,
  metadata: json(a.metadata),
});

export const artifactFromRow = (a: ArtifactRow): ArtifactRecord => ({
  id: a.id,
  name: a.name,
  version: num(a.version),
  digest: a.digest,
  size: num(a.size),
  serializer: a.serializer,
  runId: a.run_id,
  stepRunId: a.step_run_id,
  output: a.output,
  createdAt: num(a.created_at),
  metadata: parse(a.metadata),
});

export const stepInputToRow = (i: StepInputRecord): StepInputRow => ({ step_run_id: i.stepRunId, name: i.name, artifact_id: i.artifactId });

export const stepInputFromRow = (i: StepInputRow): StepInputRecord => ({ stepRunId: i.step_run_id, name: i.name, artifactId: i.artifact_id });
