import type { ColumnSummary } from '../summary/ColumnSummary';

/**
 * Summaries of every column of a frame, in column order: the distribution baseline that
 * validators and drift monitors store as a JSON artifact. Plain data only (no typed arrays, no
 * NaN or Infinity), so `JSON.parse(JSON.stringify(profile))` deep-equals it.
 */
export interface FrameProfile {
  readonly rowCount: number;
  readonly columns: Record<string, ColumnSummary>;
}
