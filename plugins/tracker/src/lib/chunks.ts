/**
 * Rows per INSERT so a statement stays under every driver's bound-parameter limit: SQLite allows
 * 32766 since 3.32 (999 before), Postgres 65535. 999 keeps old SQLite builds working too.
 */
export const maxBoundParameters = 999;

/** Splits rows into chunks of at most `maxBoundParameters / columns` rows. */
export function chunksFor<T>(rows: readonly T[], columns: number, limit = maxBoundParameters): T[][] {
  const size = Math.max(1, Math.floor(limit / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
