import { copyNonNaN } from '../quantile/copyNonNaN';
import { assertNonNegativeNumber } from '../errors/assertArguments';
import { selectQuantiles } from '../quantile/selectQuantiles';

/** Tukey fences: the quartiles, their distance, and `q1 − k·iqr` / `q3 + k·iqr`. */
export interface IqrBounds {
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Tukey's fences of `values` with quartiles by numpy's 'linear' method; NaNs are skipped, and no
 * values gives NaN everywhere. `k` is the fence distance in IQRs (default 1.5).
 */
export function iqrBounds(values: Float64Array, k = 1.5): IqrBounds {
  assertNonNegativeNumber('k', k);
  return fences(copyNonNaN(values), k);
}

/** `iqrBounds` of `values` without NaNs, `k` already checked. */
export function fences(values: Float64Array, k: number): IqrBounds {
  const [q1, q3] = selectQuantiles(values, [0.25, 0.75]);
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - k * iqr, upper: q3 + k * iqr };
}
