import type { Data, DataType, Field, Table, Vector } from 'apache-arrow';
import type { Column, DType } from '../column/Column';
import { RandomAccessColumn } from '../build/RandomAccessColumn';
import { ByteDictionary } from '../build/ByteDictionary';
import { categoryColumn, float64Column, int32Column } from '../column/createColumn';
import { UnsupportedTypeError } from '../errors/errors';
import { Frame } from '../frame/Frame';

// Arrow type ids as `DataType.typeId` reports them (the `Type` union of the Arrow format's
// Schema.fbs). Local constants so that importing this package does not load apache-arrow.
const NULL = 1, INT = 2, FLOAT = 3, UTF8 = 5, BOOL = 6, DATE = 8, TIMESTAMP = 10, LARGE_UTF8 = 20, UTF8_VIEW = 24, DICTIONARY = -1;

/**
 * Converts an Apache Arrow table to a Frame. Float → float64; Int up to 32 bits signed or 16 bits
 * unsigned → int32, wider ints → float64 (exact below 2^53); Bool → bool; Utf8 and dictionaries of
 * strings → category; Date and Timestamp (any unit) → timestamp (UTC ms); Null → float64 of nulls.
 * Numeric and dictionary columns are copied straight from the Arrow buffers. Other types throw
 * UnsupportedTypeError naming the column.
 */
export function frameFromArrowTable(table: Table): Frame {
  const columns: Record<string, Column> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name) as Vector;
    columns[field.name] = arrowColumn(field, vector, table.numRows);
  }
  return Frame.fromColumns(columns);
}

function arrowColumn(field: Field, vector: Vector, rowCount: number): Column {
  const type = field.type as DataType & { bitWidth?: number; isSigned?: boolean; precision?: number; dictionary?: DataType };
  const dtype = dtypeOf(type);
  if (dtype === undefined) throw new UnsupportedTypeError('arrow table', field.name, String(type));
  if (type.typeId === FLOAT && type.precision !== 0) return numericColumn(vector, rowCount, 'float64');
  if (type.typeId === INT && (type.bitWidth ?? 64) <= 32) return numericColumn(vector, rowCount, dtype);
  if (type.typeId === DICTIONARY) return dictionaryColumn(vector, rowCount);
  // Everything else goes through Vector#get, which already yields epoch ms for dates/timestamps.
  const out = new RandomAccessColumn(dtype, rowCount);
  for (let i = 0; i < rowCount; i++) out.set(i, vector.get(i));
  return out.finish();
}

function dtypeOf(type: DataType & { bitWidth?: number; isSigned?: boolean; dictionary?: DataType }): DType | undefined {
  switch (type.typeId) {
    case FLOAT:
    case NULL:
      return 'float64';
    case INT:
      return (type.isSigned && (type.bitWidth ?? 64) <= 32) || (!type.isSigned && (type.bitWidth ?? 64) <= 16) ? 'int32' : 'float64';
    case BOOL:
      return 'bool';
    case UTF8:
    case LARGE_UTF8:
    case UTF8_VIEW:
      return 'category';
    case DATE:
    case TIMESTAMP:
      return 'timestamp';
    case DICTIONARY: {
      const values = type.dictionary?.typeId;
      return values === UTF8 || values === LARGE_UTF8 || values === UTF8_VIEW ? 'category' : undefined;
    }
    default:
      return undefined;
  }
}

/** Arrow validity bitmaps are not offset-adjusted by slicing (values are), hence `offset + i`. */
function isValid(data: Data, i: number): boolean {
  if (data.nullCount === 0) return true;
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3] >> (bit & 7)) & 1) === 1;
}

function numericColumn(vector: Vector, rowCount: number, dtype: DType): Column {
  const out = dtype === 'int32' ? new Int32Array(rowCount) : new Float64Array(rowCount);
  let nulls: Uint8Array | undefined;
  let row = 0;
  for (const data of vector.data as Data[]) {
    const values = data.values as ArrayLike<number>;
    for (let i = 0; i < data.length; i++, row++) {
      if (isValid(data, i)) out[row] = values[i];
      else (nulls ??= new Uint8Array(rowCount))[row] = 1;
    }
  }
  return out instanceof Int32Array ? int32Column(out, nulls) : float64Column(out, nulls);
}

function dictionaryColumn(vector: Vector, rowCount: number): Column {
  const dictionary = new ByteDictionary();
  const codes = new Int32Array(rowCount);
  let nulls: Uint8Array | undefined;
  let row = 0;
  for (const data of vector.data as Data[]) {
    // Each batch may carry its own dictionary: map its entries to our codes once, then copy indices.
    const entries = data.dictionary as Vector | undefined;
    const remap = Int32Array.from({ length: entries?.length ?? 0 }, (_, k) => {
      const value = entries!.get(k) as string | null;
      return value === null ? -1 : dictionary.codeOfString(value);
    });
    const indices = data.values as ArrayLike<number>;
    for (let i = 0; i < data.length; i++, row++) {
      const code = isValid(data, i) ? remap[Number(indices[i])] : -1;
      codes[row] = code;
      if (code === -1) (nulls ??= new Uint8Array(rowCount))[row] = 1;
    }
  }
  return categoryColumn(codes, dictionary.values, nulls);
}
