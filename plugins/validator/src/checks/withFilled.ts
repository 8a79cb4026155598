import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn, type Column } from '@mlops/frame';

/**
 * A copy of `column` where each row in `rows` (all null) takes the value of row `from(row)` of the
 * same column, or the raw stored value `constant` when `from` is not given. Other nulls stay null.
 */
export function withFilled(column: Column, rows: Int32Array, from?: (row: number) => number, constant?: number): Column {
  const data = column.data.slice();
  const nulls = column.nulls ? column.nulls.slice() : undefined;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    data[row] = from ? column.data[from(row)] : (constant as number);
    if (nulls) nulls[row] = 0;
  }
  switch (column.dtype) {
    case 'float64':
      return float64Column(data as Float64Array, nulls);
    case 'int32':
      return int32Column(data as Int32Array, nulls);
    case 'bool':
      return boolColumn(data as Uint8Array, nulls);
    case 'category':
      return categoryColumn(data as Int32Array, column.dictionary, nulls);
    case 'timestamp':
      return timestampColumn(data as Float64Array, nulls);
  }
}
