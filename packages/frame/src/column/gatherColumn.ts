import type { Column } from './Column';
import { withParts } from './createColumn';

/**
 * Rows `indices` of `column`, in that order (indices must already be validated).
 * Dictionaries are shared with the source column.
 */
export function gatherColumn<C extends Column>(column: C, indices: Int32Array): C {
  const source = column.data;
  const data = new (source.constructor as new (n: number) => C['data'])(indices.length);
  for (let i = 0; i < indices.length; i++) data[i] = source[indices[i]];
  let nulls: Uint8Array | undefined;
  if (column.nulls !== undefined) {
    const mask = column.nulls;
    nulls = new Uint8Array(indices.length);
    let any = 0;
    for (let i = 0; i < indices.length; i++) any |= nulls[i] = mask[indices[i]];
    if (any === 0) nulls = undefined;
  }
  return withParts(column, data, nulls);
}

/** Rows `[start, end)` of `column` as zero-copy views (bounds already clamped). */
export function sliceColumn<C extends Column>(column: C, start: number, end: number): C {
  const data = column.data.subarray(start, end) as C['data'];
  let nulls = column.nulls?.subarray(start, end);
  if (nulls !== undefined && nulls.indexOf(1) === -1) nulls = undefined;
  return withParts(column, data, nulls);
}
