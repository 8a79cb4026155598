import type { Column } from './Column';

/** True when row `i` of `column` is null. */
export function isNull(column: Column, i: number): boolean {
  return column.nulls !== undefined && column.nulls[i] === 1;
}

/** Number of null rows in `column`. */
export function nullCount(column: Column): number {
  const mask = column.nulls;
  if (mask === undefined) return 0;
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return count;
}

/** A decoded cell value, as `columnValue` returns it. */
export type CellValue = number | boolean | string | Date | null;

/**
 * Row `i` of `column` as a plain JS value, for display and tests (allocates for timestamps):
 * number, boolean, string, Date, or null.
 */
export function columnValue(column: Column, i: number): CellValue {
  if (isNull(column, i)) return null;
  switch (column.dtype) {
    case 'float64':
    case 'int32':
      return column.data[i];
    case 'bool':
      return column.data[i] === 1;
    case 'category':
      return column.dictionary[column.data[i]];
    case 'timestamp':
      return new Date(column.data[i]);
  }
}
