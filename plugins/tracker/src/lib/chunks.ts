/**
 * Bound parameters per INSERT: SQLite allows 32766 since 3.32 (999 before), Postgres 65535. 999 keeps
 * old SQLite builds working too.
 */
export const maxBoundParameters = 999;

/**
 * Rows per INSERT: knex writes a multi-row insert on SQLite as `select … union all select …`, and
 * SQLite refuses a compound select of more than 500 terms ("too many terms in compound SELECT").
 */
export const maxRowsPerInsert = 500;

/** Splits rows into chunks of at most `maxBoundParameters / columns` rows, and never more than 500. */
export function chunksFor<T>(rows: readonly T[], columns: number, limit = maxBoundParameters): T[][] {
  const size = Math.min(maxRowsPerInsert, Math.max(1, Math.floor(limit / columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
