import { copyNonNaN } from './copyNonNaN';
import { assertProbability } from '../errors/assertArguments';
import { selectQuantiles } from './selectQuantiles';

/**
 * Several numpy 'linear' quantiles of unsorted `values` at once (see `quantile`); NaNs are
 * skipped, and no values gives NaN for every probability. The non-NaN values are copied once and
 * only the order statistics needed are selected (no full sort); `values` is not modified.
 */
export function quantiles(values: Float64Array, probs: readonly number[]): number[] {
  probs.forEach((p, i) => assertProbability(`probs[${i}]`, p));
  return selectQuantiles(copyNonNaN(values), probs);
}
