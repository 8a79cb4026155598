import type { Knex } from 'knex';
import { quote } from './SqlTarget';

/** Bound parameters per statement: under SQLite's limit of 32766 (Postgres allows 65535). */
const maxParameters = 30_000;
/** Rows per prepared statement on the SQLite fast path. */
const sqliteRowsPerStatement = 200;

/** The part of a better-sqlite3 connection used here. */
interface SqliteConnection {
  prepare(sql: string): { run(values: unknown[]): unknown };
}

/**
 * Inserts rows given as a flat array of values (`columns.length` per row). Inside a transaction on
 * SQLite, one prepared multi-row statement is reused on the transaction's own better-sqlite3
 * connection (knex would re-parse and re-prepare every statement, which dominated staging). Else
 * multi-row VALUES through knex: its own SQLite insert builds a compound SELECT capped at 500 rows.
 */
export async function insertRows(db: Knex | Knex.Transaction, table: string, columns: readonly string[], values: readonly unknown[]): Promise<void> {
  const width = columns.length;
  const row = `(${new Array(width).fill('?').join(', ')})`;
  const head = `insert into ${table} (${columns.map(quote).join(', ')}) values `;
  const rows = values.length / width;
  const sqlite = await sqliteConnectionOf(db);
  if (sqlite) {
    const full = sqlite.prepare(head + new Array(sqliteRowsPerStatement).fill(row).join(', '));
    const batch = new Array<unknown>(sqliteRowsPerStatement * width);
    let at = 0;
    for (; at + sqliteRowsPerStatement <= rows; at += sqliteRowsPerStatement) {
      for (let j = 0; j < batch.length; j++) batch[j] = sqliteValue(values[at * width + j]);
      full.run(batch);
    }
    if (at < rows) sqlite.prepare(head + new Array(rows - at).fill(row).join(', ')).run(values.slice(at * width).map(sqliteValue));
    return;
  }
  const perStatement = Math.max(1, Math.floor(maxParameters / width));
  for (let at = 0; at < rows; at += perStatement) {
    const count = Math.min(perStatement, rows - at);
    await db.raw(head + new Array(count).fill(row).join(', '), values.slice(at * width, (at + count) * width) as Knex.RawBinding[]);
  }
}

/** The transaction's better-sqlite3 connection, or undefined (not a transaction, or not SQLite). */
async function sqliteConnectionOf(db: Knex | Knex.Transaction): Promise<SqliteConnection | undefined> {
  const client = db.client as { dialect?: string; driverName?: string; acquireConnection?: () => Promise<unknown> };
  if (!(db as Knex.Transaction).isTransaction || client.driverName !== 'better-sqlite3') return undefined;
  // A transaction's client hands out the transaction's connection (knex makeTxClient).
  const connection = (await client.acquireConnection?.()) as SqliteConnection | undefined;
  return typeof connection?.prepare === 'function' ? connection : undefined;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function sqliteValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value === undefined ? null : value;
}
