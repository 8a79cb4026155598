import type { Knex } from 'knex';
import { quote } from './SqlTarget';

/** Bound parameters per statement: under SQLite's limit of 32766 (Postgres allows 65535). */
const maxParameters = 30_000;

/**
 * Inserts rows given as a flat array of values (`columns.length` per row) with multi-row VALUES
 * statements. knex's own SQLite insert builds a compound SELECT, which SQLite caps at 500 rows.
 */
export async function insertRows(db: Knex | Knex.Transaction, table: string, columns: readonly string[], values: readonly unknown[]): Promise<void> {
  const width = columns.length;
  const perStatement = Math.max(1, Math.floor(maxParameters / width));
  const row = `(${new Array(width).fill('?').join(', ')})`;
  const head = `insert into ${table} (${columns.map(quote).join(', ')}) values `;
  const rows = values.length / width;
  for (let at = 0; at < rows; at += perStatement) {
    const count = Math.min(perStatement, rows - at);
    await db.raw(head + new Array(count).fill(row).join(', '), values.slice(at * width, (at + count) * width) as Knex.RawBinding[]);
  }
}
