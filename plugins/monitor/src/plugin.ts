import { definePlugin, tokens } from '@mlops/core';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { feedbackMigrations, feedbackNamespace } from './feedback/feedbackMigrations';
import { FeedbackStore } from './feedback/FeedbackStore';
import { withFeedback, type WithFeedback } from './feedback/withFeedback';
import { monitorMigrations } from './migrations/0001_prediction_log';
import { monitorOptions } from './options';
import { MonitorService } from './MonitorService';
import { withMetrics } from './metrics/withMetrics';
import type { WindowPerformance } from './performance/windowPerformance';

/**
 * Plugin: the monitor (`MonitorService`): drift of served windows against each version's reference
 * profile, alert rules, their history and retraining requests; and the prediction log, in `monitor_predictions` of the database the SQL metadata store
 * provides (`tokens.database`: SQLite or Postgres, in its schema); migrates on start and then records
 * every `predictionsServed` announcement of the server in this process. It is also the feedback sink
 * (`isFeedbackSink`): labels go to `monitor_feedback` and join the log when performance is read.
 */
export const monitor = definePlugin({
  name: 'monitor',
  provides: tokens.monitor,
  requires: [tokens.database],
  // References come from the registry's versions (artifact store); alerts go to the sink; retraining to the orchestrator.
  optional: [tokens.modelRegistry, tokens.artifactStore, tokens.alertSink, tokens.orchestrator],
  options: monitorOptions,
  create: (ctx) => {
    const database = ctx.resolve(tokens.database);
    const sql = sqlHandleOf(database, 'monitor');
    const feedback = new FeedbackStore(sql);
    const service = new MonitorService(ctx.options, {
      sql,
      hooks: ctx.hooks,
      logger: ctx.logger,
      migrate: () => database.migrate('monitor', monitorMigrations),
      registry: ctx.tryResolve(tokens.modelRegistry),
      artifactStore: ctx.tryResolve(tokens.artifactStore),
      alertSink: ctx.tryResolve(tokens.alertSink),
      orchestrator: ctx.tryResolve(tokens.orchestrator),
      // Through the finished service, so rule and report reads also refresh the /metrics performance gauges.
      performance: (options): Promise<WindowPerformance> => monitorService.windowPerformance(options),
    });
    // A metrics source too: the server in the same process adds the monitor's metrics to /metrics.
    const monitorService = withMetrics(withFeedback(service, feedback, sql, () => database.migrate(feedbackNamespace, feedbackMigrations)) as WithFeedback<MonitorService>, ctx.options, ctx.logger);
    return monitorService;
  },
});
