import type { FeedbackLabel, FeedbackReceipt, FeedbackSink, Lifecycle } from '@mlops/core';
import type { FeedbackStore } from './FeedbackStore';

/** A monitor service that also takes feedback; `feedback` is the store, for reading labels back. */
export type WithFeedback<T> = T & FeedbackSink & { readonly feedback: FeedbackStore };

/**
 * Makes the monitor service a feedback sink (what `isFeedbackSink` checks on `tokens.monitor`): adds
 * `recordFeedback` and has `start` migrate the feedback table first. The service object itself is
 * extended, not wrapped, so whoever holds it (the runtime, tests reading `stats()`) keeps one object.
 */
export function withFeedback<T extends Lifecycle>(service: T, store: FeedbackStore, migrate: () => Promise<unknown>): WithFeedback<T> {
  const start = service.start?.bind(service);
  return Object.assign(service, {
    feedback: store,
    recordFeedback: (labels: readonly FeedbackLabel[]): Promise<FeedbackReceipt> => store.record(labels),
    start: async () => {
      await migrate();
      await start?.();
    },
  });
}
