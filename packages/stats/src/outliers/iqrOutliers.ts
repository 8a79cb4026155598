import type { Column } from '@mlops/frame';
import { assertNumericColumn, numericValues, type NumericColumn } from '../column/numericValues';
import { assertNonNegativeNumber } from '../errors/assertArguments';
import { fences, type IqrBounds } from './iqrBounds';

/** Tukey's fences of a column and the rows outside them. */
export interface IqrOutliers extends IqrBounds {
  /** Rows whose value is strictly below `lower` or strictly above `upper`, ascending. */
  readonly indices: Int32Array;
}

/**
 * Rows of a numeric column (float64, int32, timestamp) outside Tukey's fences `[q1 − k·iqr,
 * q3 + k·iqr]` (see `iqrBounds`). Nulls and NaNs are never outliers.
 */
export function iqrOutliers(column: Column, k = 1.5): IqrOutliers {
  assertNumericColumn('iqrOutliers', column);
  assertNonNegativeNumber('k', k);
  const bounds = fences(numericValues(column), k);
  return { ...bounds, indices: rowsOutside(column, bounds.lower, bounds.upper) };
}

/** Rows with a value `< lower` or `> upper`; NaN fails both tests, so nulls never qualify. */
export function rowsOutside(column: NumericColumn, lower: number, upper: number): Int32Array {
  const { data, nulls } = column;
  const rows: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if ((v < lower || v > upper) && (nulls === undefined || nulls[i] === 0)) rows.push(i);
  }
  return Int32Array.from(rows);
}
