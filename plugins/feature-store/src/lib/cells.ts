import type { Column } from '@mlops/frame';
import type { FeatureType } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';

/** Row `i` of a key column as text (keys are compared as text), or null. */
export function keyText(column: Column, i: number): string | null {
  if (column.nulls?.[i] === 1) return null;
  switch (column.dtype) {
    case 'category':
      return column.dictionary[column.data[i]!]!;
    case 'bool':
      return column.data[i] ? 'true' : 'false';
    case 'timestamp':
      return new Date(column.data[i]!).toISOString();
    default:
      return String(column.data[i]);
  }
}

/** Row `i` of a timestamp column (timestamp dtype or plain epoch-ms numbers), or null. */
export function timeValue(column: Column, i: number): number | null {
  if (column.nulls?.[i] === 1) return null;
  if (column.dtype === 'timestamp' || column.dtype === 'float64' || column.dtype === 'int32') {
    const v = column.data[i]!;
    return Number.isNaN(v) ? null : v;
  }
  throw new FeatureStoreUsageError(`expected a timestamp column (timestamp dtype or epoch milliseconds), received a ${column.dtype} column`);
}

/** Row `i` of a column as a value of feature type `type` (for staging file sources), or null. */
export function featureCell(column: Column, i: number, type: FeatureType): string | number | boolean | null {
  if (column.nulls?.[i] === 1) return null;
  switch (column.dtype) {
    case 'category':
      return type === 'string' ? column.dictionary[column.data[i]!]! : coerce(column.dictionary[column.data[i]!]!, type);
    case 'bool':
      return type === 'bool' ? column.data[i] === 1 : type === 'string' ? String(column.data[i] === 1) : column.data[i]!;
    default: {
      const v = column.data[i]!;
      if (Number.isNaN(v) && column.dtype !== 'float64') return null;
      return type === 'string' ? String(v) : type === 'bool' ? v !== 0 : v;
    }
  }
}

function coerce(text: string, type: FeatureType): number | boolean | null {
  if (type === 'bool') return text === 'true' || text === '1';
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
}
