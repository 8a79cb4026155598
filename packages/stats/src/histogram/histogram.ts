import { assertPositiveInteger } from '../errors/assertArguments';
import { binCounts } from './binCounts';

/**
 * Counts of values in equal-width bins: `counts[i]` values fall in `[edges[i], edges[i + 1])`,
 * the last bin also holding values equal to `edges[bins]`. Empty (`[]`, `[]`) when there were no
 * finite values.
 */
export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
}

/**
 * `numpy.histogram(values, bins)` over the finite values: `bins` equal-width bins spanning
 * [min, max] of the finite values (±0.5 around a single distinct value), every bin half-open
 * except the last, which is closed. NaNs are skipped; ±Infinity lie outside the range and are not
 * counted (numpy would refuse an infinite range). Values need not be sorted.
 */
export function histogram(values: Float64Array, bins = 20): Histogram {
  assertPositiveInteger('bins', bins);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min && v !== -Infinity) min = v;
    if (v > max && v !== Infinity) max = v;
  }
  if (min > max) return { edges: [], counts: [] };
  return binCounts(values, min, max, bins);
}
