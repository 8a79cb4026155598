import { assertProbability } from '../errors/assertArguments';

/**
 * The `p`-quantile of ascending `sorted`, by numpy's default `'linear'` method (Hyndman & Fan
 * type 7): position `(n - 1) * p`, linear interpolation between its neighbours. NaNs, which a
 * typed-array sort puts last, are ignored; no values gives NaN. Throws for `p` outside [0, 1].
 */
export function quantile(sorted: Float64Array, p: number): number {
  assertProbability('p', p);
  let n = sorted.length;
  while (n > 0 && sorted[n - 1] !== sorted[n - 1]) n--;
  return n === 0 ? NaN : quantileOfSorted(sorted, n, p);
}

/** `quantile` on the first `n` entries of `sorted`, all non-NaN, `n > 0`, `p` already checked. */
export function quantileOfSorted(sorted: Float64Array, n: number, p: number): number {
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = below + 1 < n ? below + 1 : n - 1;
  const gamma = position - below;
  const a = sorted[below];
  const b = sorted[above];
  // Same result as numpy for finite values; spares the NaN numpy makes of `-Inf + Inf * 0`.
  if (gamma === 0 || a === b) return a;
  const diff = b - a;
  // numpy's _lerp interpolates from the nearer end so a result never overshoots its neighbours.
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
