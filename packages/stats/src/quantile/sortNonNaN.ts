import { copyNonNaN } from './copyNonNaN';

/**
 * The non-NaN values of `values` in ascending order, as a new array (the input is not touched),
 * ready for repeated `quantile` calls. `Float64Array.prototype.sort` without a comparator sorts
 * numerically in native code, several times faster than a comparator sort.
 */
export function sortNonNaN(values: Float64Array): Float64Array {
  return copyNonNaN(values).sort();
}
