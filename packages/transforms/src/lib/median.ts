import { sortNonNaN } from '@mlops/stats';

/**
 * The median of the non-NaN `values` as numpy computes it (`np.median`, `np.nanmedian`, and
 * `np.ma.median` in SimpleImputer): the mean `(a + b) / 2` of the two middle values when the count
 * is even. The linear quantile at 0.5 (`b - (b - a) / 2`) can differ from it in the last bit, so
 * scikit-learn's medians need this form. NaN when empty.
 */
export function median(values: Float64Array): number {
  const sorted = sortNonNaN(values);
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
