import type {
  BoolColumn,
  CategoryColumn,
  Column,
  Float64Column,
  Int32Column,
  TimestampColumn,
} from './Column';
import { InvalidColumnError } from '../errors/errors';
import { messages } from '../errors/messages';

/** A null mask as accepted by the constructors: bytes or booleans, truthy = null. */
export type NullsInput = Uint8Array | ArrayLike<boolean | number>;

// Constructors take ownership of typed arrays they are given (no copy), and write the canonical
// null filler (NaN, 0 or -1) into null slots so every reader of `data` sees the same thing.

/** Builds a float64 column. A `Float64Array` is adopted as-is (null slots are set to NaN). */
export function float64Column(values: Float64Array | ArrayLike<number>, nulls?: NullsInput): Float64Column {
  const data = values instanceof Float64Array ? values : Float64Array.from(values);
  const mask = canonicalNulls(nulls, data.length, data, NaN);
  return freeze({ dtype: 'float64', data, nulls: mask, length: data.length });
}

/** Builds an int32 column; plain numbers must be integers within the int32 range. */
export function int32Column(values: Int32Array | ArrayLike<number>, nulls?: NullsInput): Int32Column {
  const data = values instanceof Int32Array ? values : toInt32(values, nulls);
  const mask = canonicalNulls(nulls, data.length, data, 0);
  return freeze({ dtype: 'int32', data, nulls: mask, length: data.length });
}

/** Builds a bool column from 0/1 bytes or booleans (any non-zero byte counts as true). */
export function boolColumn(values: Uint8Array | ArrayLike<boolean | number>, nulls?: NullsInput): BoolColumn {
  const data = values instanceof Uint8Array ? values : Uint8Array.from(values, (v) => (v ? 1 : 0));
  for (let i = 0; i < data.length; i++) if (data[i] > 1) data[i] = 1;
  const mask = canonicalNulls(nulls, data.length, data, 0);
  return freeze({ dtype: 'bool', data, nulls: mask, length: data.length });
}

/**
 * Builds a category column: `codes[i]` indexes `dictionary`, -1 means null. A null mask is derived
 * from -1 codes when none is given. Codes outside the dictionary are rejected.
 */
export function categoryColumn(
  codes: Int32Array | ArrayLike<number>,
  dictionary: readonly string[],
  nulls?: NullsInput,
): CategoryColumn {
  const data = codes instanceof Int32Array ? codes : Int32Array.from(codes);
  const size = dictionary.length;
  let hasMinusOne = false;
  for (let i = 0; i < data.length; i++) {
    const code = data[i];
    if (code === -1) hasMinusOne = true;
    else if (code < 0 || code >= size) {
      throw new InvalidColumnError(`category code ${code} at row ${i} is outside a dictionary of ${size} entries`);
    }
  }
  let mask = canonicalNulls(nulls, data.length, data, -1);
  if (hasMinusOne && mask === undefined) mask = Uint8Array.from(data, (c) => (c === -1 ? 1 : 0));
  else if (hasMinusOne && mask) for (let i = 0; i < data.length; i++) if (data[i] === -1) mask[i] = 1;
  return freeze({ dtype: 'category', data, nulls: mask, length: data.length, dictionary: Object.freeze([...dictionary]) });
}

/** Builds a timestamp column from epoch milliseconds (UTC) or Dates. */
export function timestampColumn(values: Float64Array | ArrayLike<number | Date>, nulls?: NullsInput): TimestampColumn {
  const data =
    values instanceof Float64Array ? values : Float64Array.from(values, (v) => (v instanceof Date ? v.getTime() : v));
  const mask = canonicalNulls(nulls, data.length, data, NaN);
  return freeze({ dtype: 'timestamp', data, nulls: mask, length: data.length });
}

/** Copies a column with new parts; used by gather/slice so dictionaries are shared, not rebuilt. */
export function withParts<C extends Column>(column: C, data: C['data'], nulls: Uint8Array | undefined): C {
  const out = { ...column, data, nulls, length: data.length };
  return Object.freeze(out) as C;
}

function freeze<C extends Column>(column: C): C {
  return Object.freeze(column);
}

function toInt32(values: ArrayLike<number>, nulls: NullsInput | undefined): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (nulls && nulls[i]) continue;
    const v = values[i];
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new InvalidColumnError(messages.invalidValue('int32', i, v));
    }
    out[i] = v;
  }
  return out;
}

/** Returns a 0/1 mask, or undefined when nothing is null; fills null slots of `data` with `filler`. */
function canonicalNulls(
  nulls: NullsInput | undefined,
  length: number,
  data: { [i: number]: number },
  filler: number,
): Uint8Array | undefined {
  if (nulls === undefined) return undefined;
  if (nulls.length !== length) {
    throw new InvalidColumnError(`null mask has ${nulls.length} entries, the column has ${length}`);
  }
  const mask = nulls instanceof Uint8Array ? nulls : new Uint8Array(length);
  let any = false;
  for (let i = 0; i < length; i++) {
    if (nulls[i]) {
      mask[i] = 1;
      data[i] = filler;
      any = true;
    }
  }
  return any ? mask : undefined;
}
