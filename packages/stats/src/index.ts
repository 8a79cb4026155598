export { quantile } from './quantile/quantile';
export { quantiles } from './quantile/quantiles';
export { sortNonNaN } from './quantile/sortNonNaN';

export { histogram } from './histogram/histogram';
export type { Histogram } from './histogram/histogram';

export { summarize } from './summary/summarize';
export { summaryQuantiles } from './summary/summarizeNumeric';
export { resolveSummaryOptions } from './summary/SummaryOptions';
export type { ResolvedSummaryOptions, SummaryOptions } from './summary/SummaryOptions';
export type {
  BoolSummary,
  CategoricalSummary,
  CategoryFrequency,
  ColumnSummary,
  NumericSummary,
  QuantileSummary,
  SummaryBase,
  TimestampSummary,
} from './summary/ColumnSummary';
export { moments } from './summary/moments';
export type { Moments } from './summary/moments';

export { profileFrame } from './profile/profileFrame';
export type { FrameProfile } from './profile/FrameProfile';

export { iqrBounds } from './outliers/iqrBounds';
export type { IqrBounds } from './outliers/iqrBounds';
export { iqrOutliers } from './outliers/iqrOutliers';
export type { IqrOutliers } from './outliers/iqrOutliers';
export { zScoreOutliers } from './outliers/zScoreOutliers';
export type { ZScoreOutliers } from './outliers/zScoreOutliers';

export { duplicateMask } from './duplicates/duplicateMask';
export type { KeepPolicy } from './duplicates/lib/markDuplicates';

export { countNulls } from './column/countNulls';
export { isNumericColumn, numericValues } from './column/numericValues';
export type { NumericColumn } from './column/numericValues';

export { StatsError } from './errors/StatsError';
export { statsErrorCodes } from './errors/codes';
export type { StatsErrorCode } from './errors/codes';
export { InvalidArgumentError, UnsupportedDTypeError } from './errors/errors';
