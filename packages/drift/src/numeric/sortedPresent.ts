import { sortFloat64 } from './radixSort';

/** The present values of a sample, ascending, and how many NaNs (nulls) were left out. */
export interface SortedSample {
  readonly values: Float64Array;
  readonly excluded: number;
}

/**
 * A sorted copy of `values` without NaN (a null in a float64 column is NaN), so that every test reads
 * the same dense, ascending array (radix-sorted: see `sortFloat64`).
 */
export function sortedPresent(values: Float64Array | readonly number[]): SortedSample {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[n++] = v;
  }
  const dense = n === out.length ? out : out.slice(0, n);
  sortFloat64(dense);
  return { values: dense, excluded: values.length - n };
}
