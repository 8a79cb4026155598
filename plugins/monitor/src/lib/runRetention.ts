import type { SqlStoreHandle } from '@mlops/sql-metadata';

/**
 * Deletes logged calls served before `before` (epoch ms); returns how many prediction rows they held. On SQLite it does not wait
 * for another process's lock (see writeRows): it fails and the next check retries.
 */
export async function runRetention(sql: SqlStoreHandle, table: string, before: number, restoreBusyMs: number): Promise<number> {
  let deleted = 0;
  await sql.knex.transaction(async (trx) => {
    if (sql.dialect === 'sqlite') await trx.raw('PRAGMA busy_timeout = 0');
    try {
      // Counted in prediction rows (a logged call holds many), like every other count of the log.
      deleted = Number((await trx(table).where('served_at', '<', before).sum({ n: 'row_count' }))[0]?.n ?? 0);
      await trx(table).where('served_at', '<', before).delete();
    } finally {
      if (sql.dialect === 'sqlite') await trx.raw(`PRAGMA busy_timeout = ${Math.floor(restoreBusyMs)}`);
    }
  });
  return deleted;
}
