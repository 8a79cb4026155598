import type { TensorValue } from '@mlops/core';
import { rowsSource } from './feeds/FeedSource';
import type { FeedSpec } from './feeds/FeedSpec';
import { toFeeds } from './feeds/toFeeds';
import type { FeatureRow } from './PredictRequest';

/** Validated rows → one `[n, 1]` tensor per input, through {@link toFeeds}. */
export function rowsToFeeds(rows: readonly FeatureRow[], specs: readonly FeedSpec[]): Record<string, TensorValue> {
  return toFeeds(rowsSource(rows), specs);
}
