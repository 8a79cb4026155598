import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { decodeCall, type LoggedCall } from './lib/decodeCall';
import { predictionLogTable } from './migrations/0001_prediction_log';

/** Which logged calls to read; times are epoch ms, `since` inclusive, `until` exclusive. */
export interface PredictionLogQuery {
  model?: string;
  version?: number;
  since?: number;
  until?: number;
  /** Most calls returned (oldest first); default 10 000. */
  limit?: number;
}

/** Logged inference calls, oldest first, as typed columns (what drift windows and feedback joins read). */
export async function readPredictionLog(sql: SqlStoreHandle, query: PredictionLogQuery = {}): Promise<LoggedCall[]> {
  const table = sql.schema ? `${sql.schema}.${predictionLogTable}` : predictionLogTable;
  const q = sql.knex(table).orderBy('id').limit(query.limit ?? 10_000);
  if (query.model !== undefined) q.where('model', query.model);
  if (query.version !== undefined) q.where('version', query.version);
  if (query.since !== undefined) q.where('served_at', '>=', query.since);
  if (query.until !== undefined) q.where('served_at', '<', query.until);
  return (await q).map(decodeCall);
}
