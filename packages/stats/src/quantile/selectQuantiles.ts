import { quantileOfSorted } from './quantile';
import { selectPositions } from './lib/selectPositions';

/**
 * numpy 'linear' quantiles of `scratch` (no NaNs, already checked probabilities) without a full
 * sort: the two order statistics around each position `(n − 1)·p` are selected in place, then
 * interpolated exactly as `quantile` does. `scratch` is reordered. Empty input gives NaNs.
 */
export function selectQuantiles(scratch: Float64Array, probs: readonly number[]): number[] {
  const n = scratch.length;
  if (n === 0) return probs.map(() => NaN);
  const wanted = new Set<number>();
  for (const p of probs) {
    const below = Math.floor((n - 1) * p);
    wanted.add(below);
    wanted.add(Math.min(below + 1, n - 1));
  }
  selectPositions(scratch, Int32Array.from(wanted).sort());
  return probs.map((p) => quantileOfSorted(scratch, n, p));
}
