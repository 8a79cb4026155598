import type { Histogram } from '../histogram/histogram';

/**
 * Fields every summary has. `nullCount` counts missing values as pandas' `isna()` does: null
 * cells, and NaN in float64 columns even when not marked null. `count + nullCount` is the length.
 * Summaries are plain JSON data: a statistic that does not exist (the mean of no values, the std
 * of one) or is not finite is `null`, never NaN or ±Infinity.
 */
export interface SummaryBase {
  /** Non-missing values. */
  readonly count: number;
  /** Missing values (null, or NaN in a float64 column). */
  readonly nullCount: number;
  /** `nullCount / length`; 0 for an empty column. */
  readonly nullRate: number;
}

/** The quantiles every numeric summary carries (numpy 'linear' method). */
export interface QuantileSummary {
  readonly p01: number | null;
  readonly p05: number | null;
  readonly p25: number | null;
  readonly p50: number | null;
  readonly p75: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** Summary of a float64 or int32 column. */
export interface NumericSummary extends SummaryBase {
  readonly kind: 'numeric';
  readonly dtype: 'float64' | 'int32';
  readonly mean: number | null;
  /** Sample standard deviation (ddof = 1, as pandas' `std()`); null for fewer than two values. */
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly quantiles: QuantileSummary;
  /** numpy.histogram of the finite values over [min, max]; empty when there are none. */
  readonly histogram: Histogram;
}

/** One entry of a categorical frequency table. */
export interface CategoryFrequency {
  readonly value: string;
  readonly count: number;
}

/** Summary of a category column. */
export interface CategoricalSummary extends SummaryBase {
  readonly kind: 'categorical';
  readonly dtype: 'category';
  /** Distinct non-null values that occur (unused dictionary entries do not count). */
  readonly distinct: number;
  /** The `topK` most frequent values, by count descending then value (code-unit order). */
  readonly frequencies: CategoryFrequency[];
  /** Non-null values not listed in `frequencies`. */
  readonly otherCount: number;
}

/** Summary of a timestamp column; `min`/`max` are UTC epoch milliseconds. */
export interface TimestampSummary extends SummaryBase {
  readonly kind: 'timestamp';
  readonly dtype: 'timestamp';
  readonly min: number | null;
  readonly max: number | null;
}

/** Summary of a bool column. */
export interface BoolSummary extends SummaryBase {
  readonly kind: 'bool';
  readonly dtype: 'bool';
  /** Non-null true values. */
  readonly trueCount: number;
}

/** What `summarize` returns for a column; discriminate on `kind`. */
export type ColumnSummary = NumericSummary | CategoricalSummary | TimestampSummary | BoolSummary;
