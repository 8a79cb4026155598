export { concatFeeds } from './concatFeeds';
export { columnsSource, frameSource, rowsSource, type FeedColumn, type FeedSource } from './FeedSource';
export { feedSpecs, type FeedKind, type FeedSpec } from './FeedSpec';
export { isNullToken, nullTokens } from './nullTokens';
export { FeedValueError, toFeeds, type Feeds, type ToFeedsOptions } from './toFeeds';
export { validatedRowFeeds } from './validatedRowFeeds';
export { rowScanPlan, scanRowFeeds, type RowScanPlan } from './scanRowFeeds';
export { fixedKeyRecord, type FixedKeyRecord } from './fixedKeyRecord';
