import type { Column } from '@mlops/frame';

/**
 * 1 for each missing row: null, or NaN in a float64/timestamp column (pandas `isna()`, which is
 * also how @mlops/stats counts nulls). `count` is the number of missing rows.
 */
export function missingMask(column: Column): { mask: Uint8Array; count: number } {
  const n = column.length;
  const mask = column.nulls ? column.nulls.slice() : new Uint8Array(n);
  if (column.dtype === 'float64' || column.dtype === 'timestamp') {
    const data = column.data;
    for (let i = 0; i < n; i++) if (data[i] !== data[i]) mask[i] = 1;
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i];
  return { mask, count };
}
