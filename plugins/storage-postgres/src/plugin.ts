import { definePlugin, tokens } from '@mlops/core';
import { postgresKnexConfig, SqlMetadataStore, type PostgresConnection } from '@mlops/sql-metadata';
import { postgresMetadataStoreOptions } from './options';

/**
 * Plugin: the metadata store in PostgreSQL, shared by a team. `start()` creates the schema if
 * missing and migrates it; `health()` runs `select 1`; `close()` ends the pool.
 */
export const postgresMetadataStore = definePlugin({
  name: 'postgres-metadata-store',
  provides: tokens.metadataStore,
  options: postgresMetadataStoreOptions,
  create: ({ options }) =>
    new SqlMetadataStore({
      knex: postgresKnexConfig(options.connection as PostgresConnection, { pool: options.pool }),
      schema: options.schema,
    }),
});
