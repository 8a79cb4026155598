import type { ColumnKind, DriftTestName } from './driftTests';

/** The verdict on one column, with every fact that produced it. */
export interface ColumnDriftResult {
  readonly column: string;
  /** How the values were compared (numeric dtype with few distinct values → categorical/binary). */
  readonly kind: ColumnKind;
  readonly test: DriftTestName;
  /** `column` when the column's options named the test, `default` when the selection rule chose it. */
  readonly testSource: 'column' | 'default';
  /** KS D, Wasserstein distance, PSI, χ², JS distance or z; null when skipped. */
  readonly statistic: number | null;
  /** For p-value tests (ks, chisquare, ztest); null for distances and when skipped. */
  readonly pValue: number | null;
  readonly threshold: number;
  readonly thresholdSource: 'column' | 'test' | 'default';
  /** p < threshold for p-value tests, statistic ≥ threshold for distances; false when skipped. */
  readonly drifted: boolean;
  /** KS: `exact` or `asymp`; profile drift on compacted sketches: `sketch` (approximate). */
  readonly method?: 'exact' | 'asymp' | 'sketch';
  /** Present (non-null, non-NaN) values compared on each side, and what was excluded. */
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceNulls: number;
  readonly currentNulls: number;
  /** Why no statistic was computed (an empty side), when that happened. */
  readonly skipped?: string;
}
