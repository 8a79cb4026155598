import { postgresTestUrl } from './testServices';

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
}

/**
 * Drops a test schema and everything in it, on its own short connection (the store under test may
 * already be closed). `pg` is loaded here, not at import: only Postgres tests need it.
 */
export async function dropPostgresSchema(schema: string, url = postgresTestUrl()): Promise<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`dropPostgresSchema: "${schema}" is not a plain schema name`);
  const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
