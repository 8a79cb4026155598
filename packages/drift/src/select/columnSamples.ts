import type { Column } from '@mlops/frame';
import { invalidArgument } from '../errors/DriftError';
import { sortFloat64 } from '../numeric/radixSort';

/** One side of a comparison, columnar: present numbers (ascending unless asked otherwise), or counts per key. */
export type ColumnSample =
  | { readonly type: 'numeric'; readonly sorted: Float64Array; readonly nulls: number }
  | { readonly type: 'counts'; readonly counts: ReadonlyMap<string, number>; readonly present: number; readonly nulls: number };

/**
 * The present values of a frame column: numeric dtypes (float64, int32, timestamp) as an ascending
 * Float64Array without nulls/NaNs (row order when `sort` is false, for profiling); bool and category as counts per value (`"true"`/`"false"`, or the
 * category string). `nulls` counts what was left out (null cells and NaNs).
 */
export function columnSample(column: Column, path: string, sort = true): ColumnSample {
  switch (column.dtype) {
    case 'float64':
    case 'timestamp':
      return numericSample(column.data, undefined, sort);
    case 'int32':
      return numericSample(column.data, column.nulls, sort);
    case 'bool': {
      let ones = 0;
      let nulls = 0;
      for (let i = 0; i < column.length; i++) {
        if (column.nulls !== undefined && column.nulls[i] === 1) nulls++;
        else ones += column.data[i];
      }
      const present = column.length - nulls;
      return { type: 'counts', counts: new Map([['false', present - ones], ['true', ones]].filter(([, n]) => (n as number) > 0) as [string, number][]), present, nulls };
    }
    case 'category': {
      const perCode = new Float64Array(column.dictionary.length);
      let nulls = 0;
      for (let i = 0; i < column.length; i++) {
        const code = column.data[i];
        if (code < 0) nulls++;
        else perCode[code]++;
      }
      const counts = new Map<string, number>();
      // Two codes may carry the same string after a concat; add them up by value.
      perCode.forEach((n, code) => n > 0 && counts.set(column.dictionary[code], (counts.get(column.dictionary[code]) ?? 0) + n));
      return { type: 'counts', counts, present: column.length - nulls, nulls };
    }
    default:
      throw invalidArgument(path, 'a float64, int32, timestamp, bool or category column', (column as { dtype: string }).dtype);
  }
}

function numericSample(data: Float64Array | Int32Array, mask: Uint8Array | undefined, sort: boolean): ColumnSample {
  const out = new Float64Array(data.length);
  let n = 0;
  if (mask === undefined) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v === v) out[n++] = v;
    }
  } else for (let i = 0; i < data.length; i++) if (mask[i] === 0) out[n++] = data[i];
  const sorted = n === out.length ? out : out.slice(0, n);
  if (sort) sortFloat64(sorted);
  return { type: 'numeric', sorted, nulls: data.length - n };
}

/** Distinct values of an ascending array, stopping once there are more than `limit`. */
export function countDistinctSorted(sorted: Float64Array, limit: number): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    if (distinct > limit) return distinct;
  }
  return distinct;
}
