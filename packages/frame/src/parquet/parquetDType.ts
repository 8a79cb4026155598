import type { SchemaElement } from 'hyparquet';
import type { DType } from '../column/Column';

/**
 * The dtype for a flat Parquet column, or undefined when none fits:
 * BOOLEAN → bool; INT32 (and INT_8/16/32, UINT_8/16) → int32; UINT_32, INT64, FLOAT, DOUBLE,
 * DECIMAL, FLOAT16 → float64 (INT64 beyond 2^53 loses precision); strings (plain BYTE_ARRAY, UTF8,
 * ENUM, JSON, UUID) → category; DATE, TIMESTAMP_* and INT96 → timestamp (UTC ms).
 * TIME, INTERVAL, BSON, raw FIXED_LEN_BYTE_ARRAY and nested types are not supported.
 */
export function parquetDType(element: SchemaElement): DType | undefined {
  const { type, converted_type: converted, logical_type: logical } = element;
  const logicalType = logical?.type;
  if (converted === 'DATE' || logicalType === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'timestamp';
  if (logicalType === 'TIMESTAMP' || type === 'INT96') return 'timestamp';
  if (converted === 'TIME_MILLIS' || converted === 'TIME_MICROS' || logicalType === 'TIME') return undefined;
  if (converted === 'INTERVAL' || converted === 'BSON' || logicalType === 'BSON' || logicalType === 'INTERVAL') return undefined;
  if (converted === 'DECIMAL' || logicalType === 'DECIMAL' || logicalType === 'FLOAT16') return 'float64';
  if (converted === 'UTF8' || converted === 'ENUM' || converted === 'JSON') return 'category';
  if (logicalType === 'STRING' || logicalType === 'ENUM' || logicalType === 'JSON' || logicalType === 'UUID') return 'category';
  switch (type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
      return converted === 'UINT_32' || (logical?.type === 'INTEGER' && logical.bitWidth === 32 && !logical.isSigned) ? 'float64' : 'int32';
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return 'float64';
    case 'BYTE_ARRAY':
      return 'category';
    default:
      return undefined;
  }
}
