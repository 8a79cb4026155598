import type { Knex } from 'knex';

/** The log's columns, in the order an encoded call holds its values. */
export const logColumns = ['model', 'version', 'served_at', 'served_until', 'call_count', 'row_count', 'request_ids', 'request_rows', 'latency_ms', 'inference_ms', 'columns', 'data'] as const;
const width = logColumns.length;

/** Calls per INSERT statement: 12 × 200 bindings stays far below SQLite's and Postgres's limits. */
export const statementRows = 200;

/**
 * Writes logged calls (flat values, `logColumns` order) in one transaction of multi-row INSERTs.
 *
 * On SQLite the writer must not wait for another process's lock: better-sqlite3 waits
 * synchronously (`busy_timeout`, 5 s in the store's config), which would freeze the server's event
 * loop and every request with it. So the transaction sets `busy_timeout` to 0 and restores it; a
 * locked database fails the flush at once, and the rows stay buffered for the next try.
 */
export async function writeRows(knex: Knex, table: string, dialect: 'sqlite' | 'postgresql', values: readonly unknown[], restoreBusyMs: number): Promise<void> {
  const rows = values.length / width;
  await knex.transaction(async (trx) => {
    if (dialect === 'sqlite') await trx.raw('PRAGMA busy_timeout = 0');
    try {
      for (let start = 0; start < rows; start += statementRows) {
        const n = Math.min(statementRows, rows - start);
        await trx.raw(`insert into ?? (${logColumns.join(', ')}) values ${placeholders(n)}`, [table, ...values.slice(start * width, (start + n) * width)] as Knex.RawBinding[]);
      }
    } finally {
      if (dialect === 'sqlite') await trx.raw(`PRAGMA busy_timeout = ${Math.floor(restoreBusyMs)}`);
    }
  });
}

const placeholderCache = new Map<number, string>();

function placeholders(rows: number): string {
  let text = placeholderCache.get(rows);
  if (!text) {
    const row = `(${logColumns.map(() => '?').join(', ')})`;
    text = Array.from({ length: rows }, () => row).join(', ');
    placeholderCache.set(rows, text);
  }
  return text;
}
