/** Rows of a `knex.raw` result: an array for SQLite, `{ rows }` for pg. */
export function resultRows(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}

/** The single number a `select count(*) as n …` returned (pg returns bigint counts as strings). */
export function countOf(result: unknown): number {
  return Number(resultRows(result)[0]?.n ?? 0);
}
