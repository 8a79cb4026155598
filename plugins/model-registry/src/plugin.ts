import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { modelRegistryOptions } from './options';
import { SqlModelRegistry } from './SqlModelRegistry';

/**
 * Plugin: the model registry, in the SQL database of the metadata store (`tokens.database`: SQLite
 * or Postgres). Emits the `modelRegistered` and `modelPromoted` hooks. Refused
 * promotions go to the alert sink when one is configured.
 */
export const modelRegistry = definePlugin({
  name: 'model-registry',
  provides: tokens.modelRegistry,
  requires: [tokens.database, tokens.artifactStore],
  optional: [tokens.alertSink],
  options: modelRegistryOptions,
  create: (ctx) =>
    new SqlModelRegistry({
      sql: sqlHandleOf(ctx.resolve(tokens.database), 'model-registry'),
      artifacts: ctx.resolve(tokens.artifactStore),
      alerts: ctx.tryResolve(tokens.alertSink),
      options: ctx.options,
      logger: ctx.logger,
      hooks: ctx.hooks,
    }),
});
