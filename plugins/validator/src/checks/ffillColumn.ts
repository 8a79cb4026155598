import { withFilled } from './withFilled';
import type { Column } from '@mlops/frame';

/**
 * Forward fill in `order` (see `timeOrder`): a missing row (`missing[row] === 1`) takes the value
 * of the previous present row of the same entity. Rows keep their positions, so the original
 * order is restored for free. The first rows of an entity, and rows whose entity is null, stay
 * missing (pandas `groupby().ffill()`).
 */
export function ffillColumn(column: Column, missing: Uint8Array, order: Int32Array, entity?: Float64Array): { column: Column; filled: number; rows: Int32Array } {
  const source = new Int32Array(column.length).fill(-1);
  let last = -1;
  let filled = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    const previous = k > 0 ? order[k - 1] : -1;
    // Equality fails for NaN, so every null-entity row is its own group and is never filled.
    if (entity && (previous < 0 || entity[row] !== entity[previous])) last = -1;
    if (missing[row] === 0) last = row;
    else if (last >= 0) {
      source[row] = last;
      filled++;
    }
  }
  const rows = new Int32Array(filled);
  for (let i = 0, j = 0; i < source.length; i++) if (source[i] >= 0) rows[j++] = i;
  return { column: withFilled(column, rows, (i) => source[i]), filled, rows };
}
