import { isDType, type Column } from './Column';
import { InvalidColumnError } from '../errors/errors';

const arrayTypes = {
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
  category: Int32Array,
  timestamp: Float64Array,
} as const;

/**
 * Checks the shape of a column handed to `Frame.fromColumns` (O(1): the data are trusted, which is
 * why columns should come from the constructors such as `float64Column`).
 */
export function validateColumn(name: string, column: Column): void {
  const where = `column ${JSON.stringify(name)}`;
  if (column === null || typeof column !== 'object' || !isDType(column.dtype)) {
    throw new InvalidColumnError(`${where} is not a column (build one with float64Column, categoryColumn, ...)`);
  }
  const expected = arrayTypes[column.dtype];
  if (!(column.data instanceof expected)) {
    throw new InvalidColumnError(`${where}: a ${column.dtype} column needs a ${expected.name} of data`);
  }
  if (column.length !== column.data.length) {
    throw new InvalidColumnError(`${where}: length ${column.length} differs from its data (${column.data.length})`);
  }
  if (column.nulls !== undefined && (!(column.nulls instanceof Uint8Array) || column.nulls.length !== column.length)) {
    throw new InvalidColumnError(`${where}: null mask must be a Uint8Array of ${column.length} entries`);
  }
  if (column.dtype === 'category' && !Array.isArray(column.dictionary)) {
    throw new InvalidColumnError(`${where}: a category column needs a string[] dictionary`);
  }
}
