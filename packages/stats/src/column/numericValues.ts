import type { Column, Float64Column, Int32Column, TimestampColumn } from '@mlops/frame';
import { UnsupportedDTypeError } from '../errors/errors';

/** Columns whose values are plain numbers: floats, integers and timestamps (epoch ms). */
export type NumericColumn = Float64Column | Int32Column | TimestampColumn;

const numericDTypes = ['float64', 'int32', 'timestamp'] as const;

/** True for float64, int32 and timestamp columns. */
export function isNumericColumn(column: Column): column is NumericColumn {
  return column.dtype === 'float64' || column.dtype === 'int32' || column.dtype === 'timestamp';
}

/** Throws UnsupportedDTypeError naming `operation` unless `column` is numeric. */
export function assertNumericColumn(operation: string, column: Column): asserts column is NumericColumn {
  if (!isNumericColumn(column)) throw new UnsupportedDTypeError(operation, column.dtype, numericDTypes);
}

/**
 * The present values of a numeric column, in row order, as a new dense Float64Array: nulls and
 * NaNs are left out (pandas treats both as missing), so every later loop needs no mask.
 */
export function numericValues(column: NumericColumn): Float64Array {
  const out = new Float64Array(column.length);
  const n = column.dtype === 'int32' ? copyInts(column.data, column.nulls, out) : copyFloats(column.data, out);
  return n === out.length ? out : out.subarray(0, n);
}

// One loop per array type keeps each loop's element access monomorphic.

function copyInts(data: Int32Array, nulls: Uint8Array | undefined, out: Float64Array): number {
  let n = 0;
  if (nulls === undefined) for (let i = 0; i < data.length; i++) out[n++] = data[i];
  else for (let i = 0; i < data.length; i++) if (nulls[i] === 0) out[n++] = data[i];
  return n;
}

/** Null slots of float64 and timestamp columns hold NaN, so one test drops nulls and NaNs. */
function copyFloats(data: Float64Array, out: Float64Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === v) out[n++] = v;
  }
  return n;
}
