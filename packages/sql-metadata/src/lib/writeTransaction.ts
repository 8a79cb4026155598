import type { Knex } from 'knex';
import type { SqlStoreHandle } from '../SqlDatabase';

/**
 * Runs `work` in one transaction that writes. On SQLite the transaction takes the write lock before
 * its first statement (`BEGIN IMMEDIATE`), waiting for it up to `busy_timeout`. A plain (deferred)
 * transaction that reads before it writes holds a read snapshot instead, and when another process
 * commits meanwhile its first write fails at once with SQLITE_BUSY_SNAPSHOT: busy_timeout cannot
 * help, since waiting would not make the snapshot current. Postgres needs nothing: row locks and
 * the caller's own locking statements serialise writers there.
 */
export function writeTransaction<T>(sql: SqlStoreHandle, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (sql.dialect !== 'sqlite') return sql.knex.transaction(work);
  return sql.knex.transaction(async (trx) => {
    // knex opened a deferred transaction that has not touched the file yet; swap it for an
    // immediate one on the same connection. knex's own COMMIT or ROLLBACK then ends this one.
    await trx.raw('COMMIT');
    await trx.raw('BEGIN IMMEDIATE');
    return work(trx);
  });
}
