import type { FeedbackLabel, FeedbackReceipt, FeedbackSink, Lifecycle } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import { windowPerformance, type WindowPerformance, type WindowPerformanceOptions } from '../performance/windowPerformance';
import type { FeedbackStore } from './FeedbackStore';

/**
 * A monitor service that also takes feedback; `feedback` is the store (for reading labels back) and
 * `windowPerformance(options)` reads one window's realized and estimated performance from its database.
 */
export type WithFeedback<T> = T &
  FeedbackSink & {
    readonly feedback: FeedbackStore;
    windowPerformance(options: WindowPerformanceOptions): Promise<WindowPerformance>;
  };

/**
 * Makes the monitor service a feedback sink (what `isFeedbackSink` checks on `tokens.monitor`): adds
 * `recordFeedback` and `windowPerformance`, and has `start` migrate the feedback table first. The
 * service object itself is extended, not wrapped, so whoever holds it (the runtime, tests reading
 * `stats()`) keeps one object.
 */
export function withFeedback<T extends Lifecycle>(service: T, store: FeedbackStore, sql: SqlStoreHandle, migrate: () => Promise<unknown>): WithFeedback<T> {
  const start = service.start?.bind(service);
  return Object.assign(service, {
    feedback: store,
    recordFeedback: (labels: readonly FeedbackLabel[]): Promise<FeedbackReceipt> => store.record(labels),
    windowPerformance: (options: WindowPerformanceOptions) => windowPerformance(sql, store, options),
    start: async () => {
      await migrate();
      await start?.();
    },
  });
}
