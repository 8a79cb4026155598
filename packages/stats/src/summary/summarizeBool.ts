import type { BoolColumn } from '@mlops/frame';
import type { BoolSummary } from './ColumnSummary';
import { rate } from './jsonNumber';

/** Summary of a bool column: presence counts and how many present values are true. */
export function summarizeBool(column: BoolColumn): BoolSummary {
  const { data, nulls } = column;
  let nullCount = 0;
  let trueCount = 0;
  if (nulls === undefined) for (let i = 0; i < data.length; i++) trueCount += data[i];
  else
    for (let i = 0; i < data.length; i++) {
      nullCount += nulls[i];
      if (nulls[i] === 0) trueCount += data[i];
    }
  return {
    kind: 'bool',
    dtype: 'bool',
    count: column.length - nullCount,
    nullCount,
    nullRate: rate(nullCount, column.length),
    trueCount,
  };
}
