/** Count, mean and sample variance of a dense array of numbers. */
export interface Moments {
  readonly count: number;
  /** The plain sum: ±Infinity when it overflows float64 although the mean does not. */
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Sample variance (ddof = 1); NaN for fewer than two values; Infinity when it overflows float64 although the std does not. */
  readonly variance: number;
  /** Sample standard deviation (ddof = 1), computed without overflow; NaN for fewer than two values. */
  readonly std: number;
}

// Columns whose largest magnitude lies in [2^-400, 2^400] take the direct path: every square of a
// deviation and every sum of up to 2^53 of them stays a normal float64. Others are scaled first.
const low = 2 ** -400;
const high = 2 ** 400;

/**
 * Moments of `values` (no NaNs), numerically careful so results match pandas to ~1e-15 relative:
 * the sum is Neumaier-compensated, and the variance is the corrected two-pass formula
 * `(Σd² − (Σd)²/n) / (n − 1)` with `d = x − mean`, whose second term cancels the rounding error
 * left in the mean. At the edges of float64 (a sum of values near 1.7e308 overflows, the squared
 * deviations of subnormals underflow to 0) the values are first scaled by a power of two, which is
 * exact, so the mean and std stay right wherever the result itself is representable.
 * Empty input gives NaN everywhere except `count`.
 */
export function moments(values: Float64Array): Moments {
  const n = values.length;
  if (n === 0) return { count: 0, sum: 0, min: NaN, max: NaN, mean: NaN, variance: NaN, std: NaN };
  const direct = directMoments(values);
  const largest = Math.max(Math.abs(direct.min), Math.abs(direct.max));
  if (!Number.isFinite(largest) || largest === 0 || (largest >= low && largest <= high)) return direct;
  // 2^-e brings the largest magnitude into [1, 2); split in two factors so neither over- nor underflows.
  const e = Math.floor(Math.log2(largest));
  const up1 = 2 ** Math.trunc(-e / 2);
  const up2 = 2 ** (-e - Math.trunc(-e / 2));
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = values[i] * up1 * up2;
  const s = directMoments(scaled);
  const unscale = (x: number) => x / up1 / up2;
  const mean = Math.min(direct.max, Math.max(direct.min, unscale(s.mean)));
  const std = unscale(Math.sqrt(s.variance));
  return { count: n, sum: direct.sum, min: direct.min, max: direct.max, mean, variance: std * std, std };
}

/** The direct computation, right while squares of deviations neither overflow nor underflow. */
function directMoments(values: Float64Array): Moments {
  const n = values.length;
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
  if (min === max) return { count: n, sum, min, max, mean: min, variance: n > 1 ? 0 : NaN, std: n > 1 ? 0 : NaN };
  // Rounding can put the mean of nearly equal values a hair outside [min, max]; clamp it back.
  const mean = Math.min(max, Math.max(min, sum / n));
  if (n < 2 || !Number.isFinite(mean)) return { count: n, sum, min, max, mean, variance: NaN, std: NaN };
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
    residual += d;
  }
  const variance = Math.max(0, (squares - (residual * residual) / n) / (n - 1));
  return { count: n, sum, min, max, mean, variance, std: Math.sqrt(variance) };
}
