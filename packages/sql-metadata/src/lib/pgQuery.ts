import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** A statement whose text is fixed once (per schema): see {@link pgQuery}. */
export interface PreparedStatement {
  /** Postgres's name for the statement: one name per text, on every connection. */
  readonly name: string;
  readonly text: string;
}

/** A statement with `$1…$n` parameters, named after its text. */
export function prepareStatement(text: string): PreparedStatement {
  return { name: `mlops_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a prepared statement on a connection of knex's Postgres pool, past knex's query builder and
 * runner: on a statement run once per pipeline step, building and compiling it through knex cost a
 * worker more CPU than the rest of its SQL client work. Postgres parses and plans a named statement
 * once per connection. knex's `query` events and its debug log do not see these statements.
 * Postgres only (knex's `pg` client). Behind a transaction-pooling proxy the proxy must track named
 * statements (PgBouncer 1.21+ with `max_prepared_statements`); an older one fails them.
 */
export async function pgQuery<Row>(knex: Knex, statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const client = knex.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name: statement.name, text: statement.text, values })).rows as Row[];
  } finally {
    await client.releaseConnection(connection);
  }
}
