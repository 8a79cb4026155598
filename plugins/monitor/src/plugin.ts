import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { monitorMigrations } from './migrations/0001_prediction_log';
import { monitorOptions } from './options';
import { PredictionLog } from './PredictionLog';

/**
 * Plugin: the prediction log, in `monitor_predictions` of the database the SQL metadata store
 * provides (`tokens.database`: SQLite or Postgres, in its schema); migrates on start and then records
 * every `predictionsServed` announcement of the server in this process.
 */
export const monitor = definePlugin({
  name: 'monitor',
  provides: tokens.monitor,
  requires: [tokens.database],
  options: monitorOptions,
  create: (ctx) => {
    const database = ctx.resolve(tokens.database);
    const sql = sqlHandleOf(database, 'monitor');
    return new PredictionLog(ctx.options, { sql, hooks: ctx.hooks, logger: ctx.logger, migrate: () => database.migrate('monitor', monitorMigrations) }) as PredictionLog & Record<string, unknown>;
  },
});
