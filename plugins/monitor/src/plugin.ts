import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { feedbackMigrations, feedbackNamespace } from './feedback/feedbackMigrations';
import { FeedbackStore } from './feedback/FeedbackStore';
import { withFeedback, type WithFeedback } from './feedback/withFeedback';
import { monitorMigrations } from './migrations/0001_prediction_log';
import { monitorOptions } from './options';
import { PredictionLog } from './PredictionLog';

/**
 * Plugin: the prediction log, in `monitor_predictions` of the database the SQL metadata store
 * provides (`tokens.database`: SQLite or Postgres, in its schema); migrates on start and then records
 * every `predictionsServed` announcement of the server in this process. It is also the feedback sink
 * (`isFeedbackSink`): labels go to `monitor_feedback` and join the log when performance is read.
 */
export const monitor = definePlugin({
  name: 'monitor',
  provides: tokens.monitor,
  requires: [tokens.database],
  options: monitorOptions,
  create: (ctx) => {
    const database = ctx.resolve(tokens.database);
    const sql = sqlHandleOf(database, 'monitor');
    const log = new PredictionLog(ctx.options, { sql, hooks: ctx.hooks, logger: ctx.logger, migrate: () => database.migrate('monitor', monitorMigrations) });
    return withFeedback(log, new FeedbackStore(sql), sql, () => database.migrate(feedbackNamespace, feedbackMigrations)) as WithFeedback<PredictionLog> & Record<string, unknown>;
  },
});
