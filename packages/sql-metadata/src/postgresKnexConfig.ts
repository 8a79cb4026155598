import type { Knex } from 'knex';
import { knexLog } from './knexLog';

/** A Postgres connection: a `postgres://` URL or a node-postgres connection object. */
export type PostgresConnection = string | Knex.PgConnectionConfig;

/** Options of {@link postgresKnexConfig}. */
export interface PostgresKnexOptions {
  pool?: { min?: number; max?: number };
}

/** knex config for PostgreSQL through node-postgres. */
export function postgresKnexConfig(connection: PostgresConnection, options: PostgresKnexOptions = {}): Knex.Config {
  // min 0: an idle CLI process holds no connection, so many short runs do not exhaust the server.
  return { client: 'pg', connection, pool: { min: options.pool?.min ?? 0, max: options.pool?.max ?? 10 }, log: knexLog };
}
