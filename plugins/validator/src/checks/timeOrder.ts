import type { Column } from '@mlops/frame';

/** A column's values as sortable numbers (category codes, 0/1, epoch ms); NaN for null. */
export function sortKeys(column: Column): Float64Array {
  const keys = Float64Array.from(column.data as ArrayLike<number>);
  if (column.nulls) for (let i = 0; i < keys.length; i++) if (column.nulls[i]) keys[i] = NaN;
  return keys;
}

/** -1, 0 or 1 for ascending order with NaN (null) last. */
function compare(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : 1;
}

/**
 * Row indices sorted by entity, then time, then original position (so the order is total and
 * stable). Either key may be missing: no entity puts every row in one group; no time keeps row
 * order within an entity. Rows with a null entity or time sort last.
 */
export function timeOrder(length: number, entity?: Float64Array, time?: Float64Array): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  if (!entity && !time) return order;
  // Measured (tools/bench/validate): V8's native sort with this comparator is as fast as a
  // hand-written merge sort on typed arrays (~0.35 s per million rows), so the simple form stays.
  return order.sort((a, b) => (entity ? compare(entity[a], entity[b]) : 0) || (time ? compare(time[a], time[b]) : 0) || a - b);
}
