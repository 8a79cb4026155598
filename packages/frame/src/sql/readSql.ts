import type { Knex } from 'knex';
import type { Column, DType } from '../column/Column';
import { columnFromValues } from '../column/columnFromValues';
import { Frame } from '../frame/Frame';

/** Options of `readSql`. */
export interface ReadSqlOptions {
  /** dtype per result column; others are inferred like `columnFromValues` (integers → int32, ...). */
  readonly schema?: Readonly<Record<string, DType>>;
}

/**
 * Runs `sql` through a knex instance (any client) and builds a Frame from the result. Column order
 * is the driver's; for PostgreSQL the result's field list also names the columns of an empty result.
 * Drivers return row objects, so this is a convenience for query-sized data, not a bulk path.
 * Values: numbers, bigints, booleans, strings, Dates and null; other values (Buffers) are rejected.
 */
export async function readSql(
  knex: Knex,
  sql: string,
  bindings?: readonly Knex.RawBinding[] | Knex.ValueDict,
  options: ReadSqlOptions = {},
): Promise<Frame> {
  const result: unknown = bindings === undefined ? await knex.raw(sql) : await knex.raw(sql, bindings);
  const { rows, fields } = rowsOf(result);
  const names = new Set(fields);
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  if (names.size === 0) return Frame.fromColumns({});
  const columns: Record<string, Column> = {};
  for (const name of names) columns[name] = columnFromValues(rows.map((row) => row[name]), options.schema?.[name]);
  return Frame.fromColumns(columns);
}

type Row = Record<string, unknown>;

/** Normalises what `knex.raw` resolves to, which differs per client. */
function rowsOf(result: unknown): { rows: Row[]; fields: string[] } {
  // better-sqlite3 / sqlite3: an array of rows.
  if (Array.isArray(result)) {
    // mysql / mysql2: [rows, fieldPackets].
    if (Array.isArray(result[0]) && Array.isArray(result[1])) {
      return { rows: result[0] as Row[], fields: (result[1] as { name?: string }[]).flatMap((f) => (f?.name ? [f.name] : [])) };
    }
    return { rows: result as Row[], fields: [] };
  }
  // pg: { rows, fields: [{ name }] }; mssql returns an array (handled above).
  const r = result as { rows?: Row[]; fields?: { name?: string }[] } | undefined;
  return { rows: r?.rows ?? [], fields: (r?.fields ?? []).flatMap((f) => (f?.name ? [f.name] : [])) };
}
