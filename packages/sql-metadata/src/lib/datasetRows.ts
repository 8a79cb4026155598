import type { DatasetUseRecord, DatasetVersionRecord } from '@mlops/core';

/** `dataset_versions` as stored. */
export interface DatasetVersionRow {
  name: string;
  version: number;
  digest: string;
  blob_digest: string;
  size: number;
  rows: number;
  schema: string;
  created_at: number;
  run_id: string | null;
}

/** `dataset_uses` as stored (`step_run_id` '' for none). */
export interface DatasetUseRow {
  run_id: string;
  step_run_id: string;
  name: string;
  version: number;
  role: string;
  created_at: number;
}

export const datasetVersionToRow = (d: DatasetVersionRecord): DatasetVersionRow => ({
  name: d.name,
  version: d.version,
  digest: d.digest,
  blob_digest: d.blobDigest,
  size: d.size,
  rows: d.rows,
  schema: JSON.stringify(d.schema),
  created_at: d.createdAt,
  run_id: d.runId,
});

export const datasetVersionFromRow = (r: DatasetVersionRow): DatasetVersionRecord => ({
  name: r.name,
  version: Number(r.version),
  digest: r.digest,
  blobDigest: r.blob_digest,
  size: Number(r.size),
  rows: Number(r.rows),
  schema: JSON.parse(r.schema) as DatasetVersionRecord['schema'],
  createdAt: Number(r.created_at),
  runId: r.run_id,
});

export const datasetUseToRow = (u: DatasetUseRecord): DatasetUseRow => ({
  run_id: u.runId,
  step_run_id: u.stepRunId ?? '',
  name: u.name,
  version: u.version,
  role: u.role,
  created_at: u.createdAt,
});

export const datasetUseFromRow = (r: DatasetUseRow): DatasetUseRecord => ({
  runId: r.run_id,
  stepRunId: r.step_run_id === '' ? null : r.step_run_id,
  name: r.name,
  version: Number(r.version),
  role: r.role as DatasetUseRecord['role'],
  createdAt: Number(r.created_at),
});
