import type { Knex } from 'knex';

const maxAttempts = 8;

// SQLite: another process holds the write lock past busy_timeout, or our snapshot went stale.
// Postgres: serialization failure, deadlock, or a unique violation from a racing insert.
const retryableCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01', '23505']);

/** True for a driver error that a fresh attempt of the same transaction can get past. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

/**
 * Runs `work` in a transaction, retrying the whole transaction on lock and conflict errors so that
 * concurrent writers from several processes all succeed, one after another. `work` must be safe to
 * re-run: it only touches the database, and everything it did is rolled back before a retry.
 */
export async function retryingTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
