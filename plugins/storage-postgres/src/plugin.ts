import { definePlugin, tokens } from '@mlops/core';
import { postgresKnexConfig, SqlMetadataStore, type PostgresConnection } from '@mlops/sql-metadata';
import { postgresMetadataStoreOptions } from './options';

/**
 * Plugin: the metadata store in PostgreSQL, shared by a team. `start()` creates the schema if
 * missing and migrates it; `health()` runs `select 1`; `close()` ends the pool. Also provides
 * `tokens.database` (the same pool and schema) for plugins with tables of their own.
 */
export const postgresMetadataStore = definePlugin({
  name: 'postgres-metadata-store',
  provides: tokens.metadataStore,
  alsoProvides: [tokens.database],
  options: postgresMetadataStoreOptions,
  create: ({ options, provide }) => {
    const store = new SqlMetadataStore({
      knex: postgresKnexConfig(options.connection as PostgresConnection, { pool: options.pool }),
      schema: options.schema,
    });
    provide(tokens.database, store.database);
    return store;
  },
});
