import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { postgresKnexConfig } from './postgresKnexConfig';
import { SqlMetadataStore } from './SqlMetadataStore';
import { sqliteKnexConfig } from './sqliteKnexConfig';
import type { SqlStoreDescription } from './SqlStoreDescription';

/**
 * Opens a store from a description. The store owns its knex pool (`close()` destroys it) and is not
 * migrated yet: call `start()` or `migrate()`. For SQLite, the file's folder is created if missing.
 */
export function openSqlMetadataStore(description: SqlStoreDescription): SqlMetadataStore {
  if (description.kind === 'sqlite') {
    // Sync on purpose: opening stays synchronous, and this runs once per process.
    mkdirSync(dirname(description.path), { recursive: true });
    return new SqlMetadataStore({ knex: sqliteKnexConfig(description.path, { busyTimeoutMs: description.busyTimeoutMs }) });
  }
  return new SqlMetadataStore({
    knex: postgresKnexConfig(description.connection, { pool: description.pool }),
    schema: description.schema,
  });
}
