import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { postgresKnexConfig, sqliteKnexConfig, type SqlStoreDescription } from '@mlops/sql-metadata';
import { SqlTunerStorage } from './SqlTunerStorage';

/**
 * Opens tuner storage from the same JSON description as the metadata store (`{ kind: 'sqlite', path }`
 * or `{ kind: 'pg', connection, schema? }`), so every worker process opens the same database.
 * The storage owns the pool: `close()` ends it.
 */
export function openSqlTunerStorage(description: SqlStoreDescription): SqlTunerStorage {
  if (description.kind === 'sqlite') {
    mkdirSync(dirname(description.path), { recursive: true });
    return new SqlTunerStorage({ knex: sqliteKnexConfig(description.path, { busyTimeoutMs: description.busyTimeoutMs ?? 30_000 }) });
  }
  return new SqlTunerStorage({ knex: postgresKnexConfig(description.connection, { pool: description.pool }), schema: description.schema });
}
