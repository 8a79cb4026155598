import { isAbsolute, resolve } from 'node:path';
import knex from 'knex';
import { definePlugin, tokens } from '@mlops/core';
import { postgresKnexConfig, sqlHandleOf, sqliteKnexConfig } from '@mlops/sql-metadata';
import type { SqlTarget } from './lib/SqlTarget';
import { EmbeddedOnlineStore } from './online/EmbeddedOnlineStore';
import { featureStoreOptions } from './options';
import { SqlFeatureStore } from './SqlFeatureStore';

/**
 * Plugin: the feature store. Registry and materialization state live in the SQL database of the
 * metadata store (`tokens.database`); offline joins run there too unless `offline.connection` names another database
 * (or `offlineEngine: 'duckdb'` runs them in an in-process DuckDB); the online store is the configured `onlineStore` plugin, else an embedded table in the same database.
 */
export const featureStore = definePlugin({
  name: 'feature-store',
  provides: tokens.featureStore,
  options: featureStoreOptions,
  requires: [tokens.database],
  optional: [tokens.onlineStore, tokens.modelRegistry],
  create: (ctx) => {
    const registry: SqlTarget = sqlHandleOf(ctx.resolve(tokens.database), 'feature-store');
    const offline = openOffline(ctx.options.offline, ctx.projectRoot);
    const configured = ctx.tryResolve(tokens.onlineStore);
    const online = configured ?? new EmbeddedOnlineStore({ knex: registry.knex, schema: registry.schema });
    return new SqlFeatureStore({
      definitions: ctx.options.definitions,
      registry,
      offline,
      online,
      manageOnline: configured === undefined,
      modelRegistry: ctx.tryResolve(tokens.modelRegistry),
      projectRoot: ctx.projectRoot,
      offlineEngine: ctx.options.offlineEngine,
      duckdb: ctx.options.duckdb,
      onClose: async () => void (await offline?.knex.destroy()),
    });
  },
});

function openOffline(options: { connection?: string; schema?: string }, projectRoot: string): SqlTarget | undefined {
  const connection = options.connection;
  if (!connection) return undefined;
  if (/^postgres(ql)?:\/\//.test(connection)) return { knex: knex(postgresKnexConfig(connection)), schema: options.schema, dialect: 'postgresql' };
  const path = isAbsolute(connection) ? connection : resolve(projectRoot, connection);
  return { knex: knex(sqliteKnexConfig(path)), schema: undefined, dialect: 'sqlite' };
}
