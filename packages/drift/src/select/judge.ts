import type { ChosenTest } from './chooseTest';
import type { ColumnDriftResult } from './ColumnDriftResult';
import { driftTests, type ColumnKind } from './driftTests';

/** Counts of present and excluded values on both sides. */
export interface SampleSizes {
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceNulls: number;
  readonly currentNulls: number;
}

/** Turns a statistic into a result: the decision rule of the chosen test against its threshold. */
export function judge(column: string, kind: ColumnKind, chosen: ChosenTest, sizes: SampleSizes, statistic: number, pValue: number | null, method?: ColumnDriftResult['method']): ColumnDriftResult {
  const drifted = driftTests[chosen.test].decision === 'p_value' ? (pValue as number) < chosen.threshold : statistic >= chosen.threshold;
  return { column, kind, ...chosen, statistic, pValue, drifted, ...(method ? { method } : {}), ...sizes };
}

/** A result for a column that could not be compared (an empty side): no statistic, not drifted. */
export function skipped(column: string, kind: ColumnKind, chosen: ChosenTest, sizes: SampleSizes): ColumnDriftResult {
  const side = sizes.referenceCount === 0 ? 'reference' : 'current';
  const nulls = side === 'reference' ? sizes.referenceNulls : sizes.currentNulls;
  return { column, kind, ...chosen, statistic: null, pValue: null, drifted: false, ...sizes, skipped: `the ${side} has no non-null values (${nulls} null/NaN excluded)` };
}
