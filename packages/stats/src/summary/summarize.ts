import type { BoolColumn, CategoryColumn, Column, Float64Column, Int32Column, TimestampColumn } from '@mlops/frame';
import type { BoolSummary, CategoricalSummary, ColumnSummary, NumericSummary, TimestampSummary } from './ColumnSummary';
import { summarizeBool } from './summarizeBool';
import { summarizeCategory } from './summarizeCategory';
import { summarizeNumeric } from './summarizeNumeric';
import { summarizeTimestamp } from './summarizeTimestamp';
import { resolveSummaryOptions, type SummaryOptions } from './SummaryOptions';

/** Summary of a numeric column: counts, moments, quantiles, histogram. */
export function summarize(column: Float64Column | Int32Column, options?: SummaryOptions): NumericSummary;
/** Summary of a category column: counts, distinct values, top frequencies. */
export function summarize(column: CategoryColumn, options?: SummaryOptions): CategoricalSummary;
/** Summary of a timestamp column: counts, min and max. */
export function summarize(column: TimestampColumn, options?: SummaryOptions): TimestampSummary;
/** Summary of a bool column: counts and true count. */
export function summarize(column: BoolColumn, options?: SummaryOptions): BoolSummary;
/** The summary fitting `column`'s dtype, as plain JSON-serialisable data (see `ColumnSummary`). */
export function summarize(column: Column, options?: SummaryOptions): ColumnSummary;
export function summarize(column: Column, options?: SummaryOptions): ColumnSummary {
  const resolved = resolveSummaryOptions(options);
  switch (column.dtype) {
    case 'float64':
    case 'int32':
      return summarizeNumeric(column, resolved);
    case 'category':
      return summarizeCategory(column, resolved);
    case 'timestamp':
      return summarizeTimestamp(column);
    case 'bool':
      return summarizeBool(column);
  }
}
