/** Rows of a `knex.raw` result: an array on better-sqlite3, `{ rows }` on pg. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Objective values as JSON; ±Infinity (valid objective values) become strings JSON can hold. */
export function encodeValues(values: readonly number[]): string {
  return JSON.stringify(values.map((v) => (Number.isFinite(v) ? v : String(v))));
}

/** Inverse of {@link encodeValues}. */
export function decodeValues(text: string): number[] {
  return (JSON.parse(text) as (number | string)[]).map(Number);
}

/** JSON.parse that keeps a malformed value as its text rather than failing a whole read. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
