import type { Knex } from 'knex';
import type { DatasetUseQuery, DatasetUseRecord, DatasetVersionRecord, NewDatasetVersion } from '@mlops/core';
import { datasetUseFromRow, datasetUseToRow, datasetVersionFromRow, datasetVersionToRow, type DatasetUseRow, type DatasetVersionRow } from './datasetRows';

/** A table of the store's schema, in a transaction or not. */
export type TableOf = (name: string, db?: Knex | Knex.Transaction) => Knex.QueryBuilder;

/** Unique violation, SQLite or Postgres: another process committed the same row first. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e.message ?? '');
}

async function findByDigest(table: TableOf, db: Knex | Knex.Transaction, name: string, digest: string): Promise<DatasetVersionRecord | undefined> {
  const row = (await table('dataset_versions', db).where({ name, digest }).first()) as DatasetVersionRow | undefined;
  return row && datasetVersionFromRow(row);
}

/** Thrown inside the transaction to roll the counter back when another writer registered the content first. */
class AlreadyRecorded {
  constructor(readonly record: DatasetVersionRecord) {}
}

/**
 * The existing version with this digest, or a new one numbered from the per-name counter, in one
 * transaction. The transaction writes first (the counter upsert), so it takes the write lock before
 * it reads: on SQLite a transaction that reads first cannot upgrade its lock while another process
 * writes ("database is locked"), on Postgres the counter's row lock orders the writers of one name.
 * Then, under that lock, a version with the digest found means another writer won: the transaction
 * rolls back (counter included, so no gap) and returns that version. The (name, digest) constraint is
 * the last line of defence.
 */
export async function recordDatasetVersion(knex: Knex, table: TableOf, qualifiedNames: string, dataset: NewDatasetVersion): Promise<DatasetVersionRecord> {
  const existing = await findByDigest(table, knex, dataset.name, dataset.digest);
  if (existing) return existing;
  try {
    return await knex.transaction(async (trx) => {
      const result = await trx.raw(
        'insert into ?? (name, last_version) values (?, 1) on conflict (name) do update set last_version = dataset_names.last_version + 1 returning last_version',
        [qualifiedNames, dataset.name],
      );
      const again = await findByDigest(table, trx, dataset.name, dataset.digest);
      if (again) throw new AlreadyRecorded(again);
      const returned = (Array.isArray(result) ? result : result.rows) as { last_version: number | string }[];
      const record: DatasetVersionRecord = { ...dataset, version: Number(returned[0]!.last_version) };
      await table('dataset_versions', trx).insert(datasetVersionToRow(record));
      return record;
    });
  } catch (error) {
    if (error instanceof AlreadyRecorded) return error.record;
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByDigest(table, knex, dataset.name, dataset.digest);
    if (!winner) throw error;
    return winner;
  }
}

export async function getDatasetVersion(table: TableOf, name: string, version?: number): Promise<DatasetVersionRecord | undefined> {
  const q = table('dataset_versions').where('name', name);
  if (version !== undefined) q.where('version', version);
  const row = (await q.orderBy('version', 'desc').first()) as DatasetVersionRow | undefined;
  return row && datasetVersionFromRow(row);
}

export async function listDatasetVersions(table: TableOf, name?: string): Promise<DatasetVersionRecord[]> {
  const q = table('dataset_versions').select('*');
  if (name !== undefined) q.where('name', name);
  const found = (await q.orderBy([{ column: 'name', order: 'asc' }, { column: 'version', order: 'desc' }])) as DatasetVersionRow[];
  return found.map(datasetVersionFromRow);
}

export async function recordDatasetUses(table: TableOf, uses: DatasetUseRecord[]): Promise<void> {
  if (uses.length === 0) return;
  await table('dataset_uses').insert(uses.map(datasetUseToRow)).onConflict(['run_id', 'step_run_id', 'name', 'version', 'role']).ignore();
}

export async function listDatasetUses(table: TableOf, query: DatasetUseQuery): Promise<DatasetUseRecord[]> {
  const q = table('dataset_uses').select('*');
  if (query.runId !== undefined) q.where('run_id', query.runId);
  if (query.stepRunId !== undefined) q.where('step_run_id', query.stepRunId);
  if (query.name !== undefined) q.where('name', query.name);
  if (query.version !== undefined) q.where('version', query.version);
  const found = (await q.orderBy([{ column: 'created_at', order: 'asc' }, { column: 'run_id', order: 'asc' }])) as DatasetUseRow[];
  return found.map(datasetUseFromRow);
}
