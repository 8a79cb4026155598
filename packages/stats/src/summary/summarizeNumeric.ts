import type { Float64Column, Int32Column } from '@mlops/frame';
import { numericValues } from '../column/numericValues';
import { binCounts } from '../histogram/binCounts';
import { histogram } from '../histogram/histogram';
import { selectQuantiles } from '../quantile/selectQuantiles';
import type { NumericSummary, QuantileSummary } from './ColumnSummary';
import { jsonNumber, rate } from './jsonNumber';
import { moments } from './moments';
import type { ResolvedSummaryOptions } from './SummaryOptions';

/** The probabilities behind `QuantileSummary`, by key. */
export const summaryQuantiles: Readonly<Record<keyof QuantileSummary, number>> = Object.freeze({
  p01: 0.01,
  p05: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95,
  p99: 0.99,
});

const quantileKeys = Object.keys(summaryQuantiles) as (keyof QuantileSummary)[];
const quantileProbs = quantileKeys.map((key) => summaryQuantiles[key]);

/**
 * Summary of a float64 or int32 column. The present values are copied once into a dense array
 * (no mask tests in later loops), which the moments pass, the quantile selection and the binning
 * then read.
 */
export function summarizeNumeric(column: Float64Column | Int32Column, options: ResolvedSummaryOptions): NumericSummary {
  const values = numericValues(column);
  const n = values.length;
  const m = moments(values);
  const selected = selectQuantiles(values, quantileProbs);
  const quantiles = {} as Record<keyof QuantileSummary, number | null>;
  quantileKeys.forEach((key, i) => (quantiles[key] = jsonNumber(selected[i])));
  const finiteRange = Number.isFinite(m.min) && Number.isFinite(m.max);
  return {
    kind: 'numeric',
    dtype: column.dtype,
    count: n,
    nullCount: column.length - n,
    nullRate: rate(column.length - n, column.length),
    mean: jsonNumber(m.mean),
    std: jsonNumber(m.std),
    min: jsonNumber(m.min),
    max: jsonNumber(m.max),
    quantiles,
    // Infinite values need the slower scan for the finite range (and are left out of the bins).
    histogram: finiteRange ? binCounts(values, m.min, m.max, options.histogramBins) : histogram(values, options.histogramBins),
  };
}
