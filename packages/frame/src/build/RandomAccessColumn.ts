import type { Column, DType } from '../column/Column';
import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from '../column/createColumn';
import { ByteDictionary } from './ByteDictionary';

/**
 * A fixed-length column filled by row index in any order, for sources that deliver chunks out
 * of order (Parquet row groups, Arrow batches). Values are JS values: numbers, bigints, booleans,
 * strings, Dates; `null`/`undefined` is a null.
 */
export class RandomAccessColumn {
  private readonly data: Float64Array | Int32Array | Uint8Array;
  private nulls: Uint8Array | undefined;
  private readonly dictionary: ByteDictionary | undefined;

  constructor(
    readonly dtype: DType,
    readonly length: number,
  ) {
    this.data =
      dtype === 'float64' || dtype === 'timestamp' ? new Float64Array(length) : dtype === 'bool' ? new Uint8Array(length) : new Int32Array(length);
    this.dictionary = dtype === 'category' ? new ByteDictionary() : undefined;
  }

  /** Stores `value` at row `index`. */
  set(index: number, value: unknown): void {
    if (value === null || value === undefined) {
      (this.nulls ??= new Uint8Array(this.length))[index] = 1;
      return;
    }
    if (this.dictionary !== undefined) this.data[index] = this.dictionary.codeOfString(asText(value));
    else if (value instanceof Date) this.data[index] = value.getTime();
    else if (typeof value === 'boolean') this.data[index] = value ? 1 : 0;
    else this.data[index] = Number(value);
  }

  /** Stores `values[i]` at rows `start + i`. */
  setMany(start: number, values: ArrayLike<unknown>): void {
    for (let i = 0; i < values.length; i++) this.set(start + i, values[i]);
  }

  finish(): Column {
    const nulls = this.nulls;
    switch (this.dtype) {
      case 'float64':
        return float64Column(this.data as Float64Array, nulls);
      case 'timestamp':
        return timestampColumn(this.data as Float64Array, nulls);
      case 'int32':
        return int32Column(this.data as Int32Array, nulls);
      case 'bool':
        return boolColumn(this.data as Uint8Array, nulls);
      case 'category':
        if (nulls) for (let i = 0; i < this.length; i++) if (nulls[i] === 1) this.data[i] = -1;
        return categoryColumn(this.data as Int32Array, this.dictionary!.values, nulls);
    }
  }
}

const decoder = new TextDecoder();

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}
