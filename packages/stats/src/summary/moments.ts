/** Count, mean and sample variance of a dense array of numbers. */
export interface Moments {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Sample variance (ddof = 1); NaN for fewer than two values. */
  readonly variance: number;
}

/**
 * Moments of `values` (no NaNs), numerically careful so results match pandas to ~1e-15 relative:
 * the sum is Neumaier-compensated, and the variance is the corrected two-pass formula
 * `(Σd² − (Σd)²/n) / (n − 1)` with `d = x − mean`, whose second term cancels the rounding error
 * left in the mean. Empty input gives NaN everywhere except `count`.
 */
export function moments(values: Float64Array): Moments {
  const n = values.length;
  if (n === 0) return { count: 0, sum: 0, min: NaN, max: NaN, mean: NaN, variance: NaN };
  let sum = 0;
  let compensation = 0;
  let min = values[0];
  let max = values[0];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // An infinite sum makes the compensation NaN (Inf − Inf); the plain sum is then the answer.
  if (Number.isFinite(sum)) sum += compensation;
  if (min === max) return { count: n, sum, min, max, mean: min, variance: n > 1 ? 0 : NaN };
  // Rounding can put the mean of nearly equal values a hair outside [min, max]; clamp it back.
  const mean = Math.min(max, Math.max(min, sum / n));
  if (n < 2 || !Number.isFinite(mean)) return { count: n, sum, min, max, mean, variance: NaN };
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
    residual += d;
  }
  const variance = Math.max(0, (squares - (residual * residual) / n) / (n - 1));
  return { count: n, sum, min, max, mean, variance };
}
