/**
 * The five column kinds. Each maps to one typed array, so every hot loop stays monomorphic.
 * - `float64`: Float64Array; a null is also NaN in the data.
 * - `int32`: Int32Array; a null slot holds 0.
 * - `bool`: Uint8Array of 0/1; a null slot holds 0.
 * - `category`: Int32Array of codes into a `string[]` dictionary; a null is also code -1.
 * - `timestamp`: Float64Array of UTC epoch milliseconds; a null is also NaN.
 */
export type DType = 'float64' | 'int32' | 'bool' | 'category' | 'timestamp';

/** Every dtype, in a stable order (used to validate input). */
export const dtypes: readonly DType[] = ['float64', 'int32', 'bool', 'category', 'timestamp'];

/** Fields shared by all columns. `nulls` is a byte mask (1 = null) or `undefined` when nothing is null. */
interface ColumnBase<D extends DType, A> {
  readonly dtype: D;
  readonly data: A;
  readonly nulls: Uint8Array | undefined;
  readonly length: number;
}

/** 64-bit floats. NaN with `nulls[i] === 0` is a real NaN value, not a null. */
export type Float64Column = ColumnBase<'float64', Float64Array>;
/** 32-bit signed integers with an optional null mask. */
export type Int32Column = ColumnBase<'int32', Int32Array>;
/** Booleans stored one byte each (0/1). */
export type BoolColumn = ColumnBase<'bool', Uint8Array>;
/** Dictionary-encoded strings: `dictionary[data[i]]` is row i's value; code -1 is null. */
export interface CategoryColumn extends ColumnBase<'category', Int32Array> {
  readonly dictionary: readonly string[];
}
/** UTC instants as epoch milliseconds (fractions of a millisecond allowed). */
export type TimestampColumn = ColumnBase<'timestamp', Float64Array>;

/** One column of a Frame. Discriminate on `dtype`. */
export type Column = Float64Column | Int32Column | BoolColumn | CategoryColumn | TimestampColumn;

/** The typed array behind each dtype. */
export interface DTypeArrays {
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
  category: Int32Array;
  timestamp: Float64Array;
}

/** One entry of `Frame.schema()`. */
export interface ColumnSchema {
  readonly name: string;
  readonly dtype: DType;
  /** True when the column carries a null mask. */
  readonly nullable: boolean;
}

/** True when `value` names one of the five dtypes. */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (dtypes as readonly string[]).includes(value);
}
