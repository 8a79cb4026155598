import { nullCount, type Column } from '@mlops/frame';

/**
 * Null cells of `column` per its null mask (frame's `nullCount`). Unlike a summary's `nullCount`
 * it does not count NaN values that are not marked null.
 */
export function countNulls(column: Column): number {
  return nullCount(column);
}
