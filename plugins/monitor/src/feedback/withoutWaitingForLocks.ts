import type { Knex } from 'knex';
import type { SqlStoreHandle } from '@mlops/sql-metadata';

/** Attempts on a locked SQLite file before giving up, and the pause between them (grows linearly). */
const attempts = 8;
const pauseMs = 25;

/**
 * Runs `work` in one transaction. On SQLite it never waits for another connection's lock inside the
 * driver: better-sqlite3 waits synchronously (the store's `busy_timeout`), which would freeze the
 * server's event loop while a POST /feedback waits. The transaction sets `busy_timeout` to 0 and a
 * locked database is retried after an asynchronous pause (≈0.7 s in all), then reported.
 */
export async function withoutWaitingForLocks(sql: SqlStoreHandle, work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  if (sql.dialect !== 'sqlite') return sql.knex.transaction(work);
  const restore = await busyTimeout(sql);
  for (let attempt = 1; ; attempt++) {
    try {
      return await sql.knex.transaction(async (trx) => {
        await trx.raw('PRAGMA busy_timeout = 0');
        try {
          await work(trx);
        } finally {
          await trx.raw(`PRAGMA busy_timeout = ${restore}`);
        }
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === attempts) throw error;
      await new Promise((ok) => setTimeout(ok, pauseMs * attempt));
    }
  }
}

async function busyTimeout(sql: SqlStoreHandle): Promise<number> {
  const rows = (await sql.knex.raw('PRAGMA busy_timeout')) as { timeout?: number }[];
  return Math.floor(rows[0]?.timeout ?? 5000);
}
