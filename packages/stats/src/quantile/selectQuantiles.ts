import { orderStatistics } from './lib/orderStatistics';
import { interpolate } from './quantile';

/**
 * numpy 'linear' quantiles of `values` (no NaNs, probabilities already checked) without a full
 * sort: only the two order statistics around each position `(n − 1)·p` are found (see
 * `orderStatistics`), then interpolated exactly as `quantile` does. `values` is not modified.
 * Empty input gives NaNs.
 */
export function selectQuantiles(values: Float64Array, probs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probs.map(() => NaN);
  const wanted = new Set<number>();
  for (const p of probs) {
    const below = Math.floor((n - 1) * p);
    wanted.add(below);
    wanted.add(Math.min(below + 1, n - 1));
  }
  const ranks = Int32Array.from(wanted).sort();
  const found = orderStatistics(values, ranks);
  const at = new Map<number, number>();
  ranks.forEach((rank, k) => at.set(rank, found[k]));
  return probs.map((p) => {
    const position = (n - 1) * p;
    const below = Math.floor(position);
    return interpolate(at.get(below)!, at.get(Math.min(below + 1, n - 1))!, position - below);
  });
}
