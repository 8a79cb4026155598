import type { Knex } from 'knex';

/**
 * Runs an insert or update (with `returning`) in one statement whose commit does not wait for the
 * disk on Postgres: `synchronous_commit` is set off for that statement's transaction only. The write
 * is atomic and visible at once; it becomes durable with the next synchronous commit on the server
 * (a commit flushes the whole write-ahead log before it). For writes whose caller commits again
 * right after (see `StepRecordWriteOptions`). Resolves to the number of rows written.
 */
export async function writeDeferred(knex: Knex, write: Knex.QueryBuilder): Promise<number> {
  // The data-modifying CTE always runs; the select around it sets the option for the transaction.
  const [row] = (await knex.with('w', write).select(knex.raw("(select count(*) from w) as n, set_config('synchronous_commit', 'off', true) as sc"))) as { n: string | number }[];
  return Number(row.n);
}
