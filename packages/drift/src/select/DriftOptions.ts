import type { KsMethod } from '../ks/ksTwoSample';
import type { DriftTestName } from './driftTests';

/** Per-column choices; each wins over the test-level and default settings. */
export interface ColumnDriftOptions {
  /** The test to use instead of the default selection. */
  readonly test?: DriftTestName;
  /** The threshold to use for this column, whatever the test. */
  readonly threshold?: number;
}

/** Options of `columnDrift` / `datasetDrift` / `profileDrift`; every field is optional. */
export interface DriftOptions {
  /** Per-test thresholds, e.g. `{ ks: 0.01, psi: 0.2 }`; a column's own threshold wins over these. */
  readonly thresholds?: Partial<Record<DriftTestName, number>>;
  /** Per-column test and threshold, by column name. */
  readonly columns?: Readonly<Record<string, ColumnDriftOptions>>;
  /** Dataset drift when at least this share of the evaluated columns drift (default 0.5). */
  readonly driftShare?: number;
  /** Reference sizes up to this use the small-sample tests (KS, chi-square, z-test); default 1000. */
  readonly smallSampleSize?: number;
  /** A numeric column with at most this many distinct reference values is compared as categories (default 5). */
  readonly maxCategoricalDistinct?: number;
  /** Quantile bins for PSI (and chi-square/JS on numeric columns); default 10. */
  readonly bins?: number;
  /** KS p-value method, default `auto` (SciPy's choice). */
  readonly ksMethod?: KsMethod;
}

/** `DriftOptions` with every default filled in. */
export interface ResolvedDriftOptions {
  readonly thresholds: Partial<Record<DriftTestName, number>>;
  readonly columns: Readonly<Record<string, ColumnDriftOptions>>;
  readonly driftShare: number;
  readonly smallSampleSize: number;
  readonly maxCategoricalDistinct: number;
  readonly bins: number;
  readonly ksMethod: KsMethod;
}
