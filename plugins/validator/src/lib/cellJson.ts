import type { Json } from '@mlops/core';
import { columnValue, type Column } from '@mlops/frame';

/** Row `i` of `column` as JSON: numbers, booleans, strings, ISO-8601 for timestamps, null; NaN/±Infinity as text. */
export function cellJson(column: Column, i: number): Json {
  const v = columnValue(column, i);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(column.data[i]) : v.toISOString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
