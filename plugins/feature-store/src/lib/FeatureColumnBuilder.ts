import { boolColumn, categoryColumn, float64Column, int32Column, type Column } from '@mlops/frame';
import type { FeatureType } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';

/**
 * Fills one typed column of known length: float → float64, int → int32, string → category
 * (dictionary built on the fly), bool → bool. Values come from SQL drivers or on-demand functions,
 * so numbers may arrive as strings (pg bigint) and booleans as 0/1 (SQLite).
 */
export class FeatureColumnBuilder {
  private readonly data: Float64Array | Int32Array | Uint8Array;
  private readonly nulls: Uint8Array;
  private readonly dictionary = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly type: FeatureType,
    length: number,
  ) {
    this.data = type === 'float' ? new Float64Array(length) : type === 'bool' ? new Uint8Array(length) : new Int32Array(length);
    this.nulls = new Uint8Array(length).fill(1);
  }

  /** Sets row `i`; null/undefined leave it null. Throws naming the feature when the value has the wrong type. */
  set(i: number, value: unknown): void {
    if (value === null || value === undefined) return;
    this.nulls[i] = 0;
    switch (this.type) {
      case 'float':
      case 'int': {
        const n = typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
        if (Number.isNaN(n) && typeof value !== 'number') this.bad(value);
        if (this.type === 'int' && !(Number.isInteger(n) && n >= -2147483648 && n <= 2147483647)) this.bad(value);
        this.data[i] = n;
        return;
      }
      case 'bool':
        if (typeof value === 'boolean') this.data[i] = value ? 1 : 0;
        else if (value === 0 || value === 1) this.data[i] = value;
        else this.bad(value);
        return;
      case 'string': {
        const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : this.bad(value);
        let code = this.dictionary.get(text);
        if (code === undefined) this.dictionary.set(text, (code = this.dictionary.size));
        this.data[i] = code;
      }
    }
  }

  finish(): Column {
    const nulls = this.nulls;
    switch (this.type) {
      case 'float':
        return float64Column(this.data as Float64Array, nulls);
      case 'int':
        return int32Column(this.data as Int32Array, nulls);
      case 'bool':
        return boolColumn(this.data as Uint8Array, nulls);
      case 'string':
        for (let i = 0; i < nulls.length; i++) if (nulls[i]) this.data[i] = -1;
        return categoryColumn(this.data as Int32Array, [...this.dictionary.keys()], nulls);
    }
  }

  private bad(value: unknown): never {
    throw new FeatureStoreUsageError(`feature "${this.name}": expected a ${this.type} value, received ${JSON.stringify(value)}`);
  }
}
