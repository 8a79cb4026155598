/** Names of the tests a column can be judged by. */
export type DriftTestName = 'ks' | 'wasserstein' | 'wasserstein_norm' | 'psi' | 'chisquare' | 'jensenshannon' | 'ztest';

/** How a column's values are compared: ordered numbers, unordered categories, or two values. */
export type ColumnKind = 'numeric' | 'categorical' | 'binary';

/** What a test's statistic means and when it says "drift". */
export interface DriftTestInfo {
  /** `p_value`: drift when p < threshold. `distance`: drift when statistic ≥ threshold. */
  readonly decision: 'p_value' | 'distance';
  /** Used when neither the column nor the test has a threshold; undefined = one must be given. */
  readonly defaultThreshold: number | undefined;
  /** Column kinds the test accepts (numeric columns are binned by reference quantiles for chisquare/JS). */
  readonly kinds: readonly ColumnKind[];
}

/**
 * Every test with its decision rule and default threshold (Evidently's defaults: 0.05 for p-values,
 * 0.1 for normalised Wasserstein, Jensen–Shannon and PSI). Raw Wasserstein is in the column's units,
 * so it has no default: give `thresholds.wasserstein` or a per-column threshold.
 */
export const driftTests: Readonly<Record<DriftTestName, DriftTestInfo>> = {
  ks: { decision: 'p_value', defaultThreshold: 0.05, kinds: ['numeric', 'categorical', 'binary'] },
  wasserstein: { decision: 'distance', defaultThreshold: undefined, kinds: ['numeric', 'categorical', 'binary'] },
  wasserstein_norm: { decision: 'distance', defaultThreshold: 0.1, kinds: ['numeric', 'categorical', 'binary'] },
  psi: { decision: 'distance', defaultThreshold: 0.1, kinds: ['numeric', 'categorical', 'binary'] },
  chisquare: { decision: 'p_value', defaultThreshold: 0.05, kinds: ['numeric', 'categorical', 'binary'] },
  jensenshannon: { decision: 'distance', defaultThreshold: 0.1, kinds: ['numeric', 'categorical', 'binary'] },
  ztest: { decision: 'p_value', defaultThreshold: 0.05, kinds: ['binary'] },
};

/** True when `name` is one of the tests above. */
export function isDriftTestName(name: unknown): name is DriftTestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(driftTests, name);
}

/** Tests that need ordered numbers (a numeric dtype), whatever the column's kind. */
export const orderedTests: ReadonlySet<DriftTestName> = new Set(['ks', 'wasserstein', 'wasserstein_norm']);
