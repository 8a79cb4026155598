import type { Column, DType } from '@mlops/frame';

/** Dtypes numeric transforms accept: their values are plain numbers (bool as 0/1). */
export const numericDTypes: readonly DType[] = ['float64', 'int32', 'bool'];

/** True for float64, int32 and bool. Timestamps are left out: epoch milliseconds do not survive float32. */
export function isNumericDType(dtype: DType): boolean {
  return dtype === 'float64' || dtype === 'int32' || dtype === 'bool';
}

/**
 * The values of a numeric column as floats, row-aligned, with NaN for nulls (a float64 column's
 * own array is returned as is: its nulls already hold NaN). Treat the result as read-only.
 */
export function numericColumnValues(column: Column): Float64Array {
  if (column.dtype === 'float64') return column.data;
  if (column.dtype !== 'int32' && column.dtype !== 'bool') throw new TypeError(`${column.dtype} is not numeric`);
  const out = new Float64Array(column.length);
  const { data, nulls } = column;
  for (let i = 0; i < out.length; i++) out[i] = nulls !== undefined && nulls[i] === 1 ? NaN : data[i];
  return out;
}

/** The non-NaN values of `values`, in row order, as a new dense array (what fitting statistics use). */
export function presentValues(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[n++] = v;
  }
  return out.subarray(0, n);
}
