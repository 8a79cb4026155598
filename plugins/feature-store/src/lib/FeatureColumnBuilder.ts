import { RandomAccessColumn, type Column, type DType } from '@mlops/frame';
import type { FeatureType } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';

const dtypeOf: Record<FeatureType, DType> = { float: 'float64', int: 'int32', bool: 'bool', string: 'category' };

/**
 * Fills one typed column of known length: float → float64, int → int32, string → category, bool →
 * bool. Values come from SQL drivers or on-demand functions, so numbers may arrive as strings (pg
 * bigint) and booleans as 0/1 (SQLite): each is checked against the feature's type, then stored by
 * frame's `RandomAccessColumn`.
 */
export class FeatureColumnBuilder {
  private readonly column: RandomAccessColumn;

  constructor(
    readonly name: string,
    readonly type: FeatureType,
    length: number,
  ) {
    this.column = new RandomAccessColumn(dtypeOf[type], length);
  }

  /** Sets row `i`; null/undefined leave it null. Throws naming the feature when the value has the wrong type. */
  set(i: number, value: unknown): void {
    this.column.set(i, value === null || value === undefined ? null : this.checked(value));
  }

  finish(): Column {
    return this.column.finish();
  }

  private checked(value: unknown): number | string {
    switch (this.type) {
      case 'float':
      case 'int': {
        const n = typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
        if (Number.isNaN(n) && typeof value !== 'number') this.bad(value);
        if (this.type === 'int' && !(Number.isInteger(n) && n >= -2147483648 && n <= 2147483647)) this.bad(value);
        return n;
      }
      case 'bool':
        if (typeof value === 'boolean') return value ? 1 : 0;
        if (value === 0 || value === 1) return value;
        return this.bad(value);
      case 'string':
        return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : this.bad(value);
    }
  }

  private bad(value: unknown): never {
    throw new FeatureStoreUsageError(`feature "${this.name}": expected a ${this.type} value, received ${JSON.stringify(value)}`);
  }
}
