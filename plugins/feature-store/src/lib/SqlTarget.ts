import type { Knex } from 'knex';

/** A database the feature store uses: knex, the Postgres schema (if any) and the dialect. */
export interface SqlTarget {
  knex: Knex;
  schema: string | undefined;
  dialect: 'sqlite' | 'postgresql';
}

/** `schema.table` quoted for raw SQL, or just the quoted table. */
export function qualified(target: SqlTarget, table: string): string {
  return target.schema ? `${quote(target.schema)}.${quote(table)}` : quote(table);
}

/** Double-quoted SQL identifier (both dialects). */
export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** A knex query builder on `table` in the target's schema. */
export function tableOf(target: SqlTarget, table: string, trx?: Knex.Transaction): Knex.QueryBuilder {
  const k = trx ?? target.knex;
  return target.schema ? k.withSchema(target.schema).table(table) : k.table(table);
}
