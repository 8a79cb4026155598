import { invalidArgument } from '../errors/DriftError';
import type { ResolvedDriftOptions } from './DriftOptions';
import { driftTests, type ColumnKind, type DriftTestName } from './driftTests';

/** The test and threshold a column gets, and where each came from. */
export interface ChosenTest {
  readonly test: DriftTestName;
  readonly testSource: 'column' | 'default';
  readonly threshold: number;
  readonly thresholdSource: 'column' | 'test' | 'default';
}

/**
 * The default test, by kind and reference size n (present values), after Evidently:
 * n ≤ smallSampleSize: numeric → ks, binary → ztest, categorical → chisquare;
 * larger: numeric → wasserstein_norm, binary and categorical → jensenshannon.
 */
export function defaultTest(kind: ColumnKind, referenceCount: number, smallSampleSize: number): DriftTestName {
  const small = referenceCount <= smallSampleSize;
  if (kind === 'numeric') return small ? 'ks' : 'wasserstein_norm';
  if (kind === 'binary') return small ? 'ztest' : 'jensenshannon';
  return small ? 'chisquare' : 'jensenshannon';
}

/**
 * Test: the column's `test`, else the default. Threshold, first set wins: the column's `threshold`,
 * then `thresholds[test]`, then the test's default. `numericDType` says whether ordered tests apply.
 */
export function chooseTest(column: string, kind: ColumnKind, numericDType: boolean, referenceCount: number, options: ResolvedDriftOptions): ChosenTest {
  const own = options.columns[column] ?? {};
  const test = own.test ?? defaultTest(kind, referenceCount, options.smallSampleSize);
  const info = driftTests[test];
  if (!info.kinds.includes(kind) || (!numericDType && (test === 'ks' || test === 'wasserstein' || test === 'wasserstein_norm'))) {
    const path = own.test !== undefined ? `columns.${column}.test` : `column ${column}`;
    throw invalidArgument(path, `a test for a ${numericDType ? 'numeric' : 'non-numeric'} ${kind} column`, test);
  }
  const testSource = own.test !== undefined ? 'column' : 'default';
  if (own.threshold !== undefined) return { test, testSource, threshold: own.threshold, thresholdSource: 'column' };
  const perTest = options.thresholds[test];
  if (perTest !== undefined) return { test, testSource, threshold: perTest, thresholdSource: 'test' };
  if (info.defaultThreshold === undefined) throw invalidArgument(`thresholds.${test}`, `a threshold for column ${column} (${test} has no default, its statistic is in the column's units)`, undefined);
  return { test, testSource, threshold: info.defaultThreshold, thresholdSource: 'default' };
}
