import { definePlugin, tokens } from '@mlops/core';
import { sqlStoreOf } from '@mlops/sql-metadata';
import { modelRegistryOptions } from './options';
import { SqlModelRegistry } from './SqlModelRegistry';

/**
 * Plugin: the model registry, in the metadata store's SQL database (SQLite or Postgres). Refused
 * promotions go to the alert sink when one is configured.
 */
export const modelRegistry = definePlugin({
  name: 'model-registry',
  provides: tokens.modelRegistry,
  requires: [tokens.metadataStore, tokens.artifactStore],
  optional: [tokens.alertSink],
  options: modelRegistryOptions,
  create: (ctx) =>
    new SqlModelRegistry({
      sql: sqlStoreOf(ctx.resolve(tokens.metadataStore), 'model-registry'),
      artifacts: ctx.resolve(tokens.artifactStore),
      alerts: ctx.tryResolve(tokens.alertSink),
      options: ctx.options,
      logger: ctx.logger,
    }),
});
