import type { TimestampColumn } from '@mlops/frame';
import type { TimestampSummary } from './ColumnSummary';
import { jsonNumber, rate } from './jsonNumber';

/** Summary of a timestamp column: presence counts and the earliest and latest instant (epoch ms). */
export function summarizeTimestamp(column: TimestampColumn): TimestampSummary {
  const data = column.data;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== v) continue; // null slots hold NaN
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const nullCount = column.length - count;
  return {
    kind: 'timestamp',
    dtype: 'timestamp',
    count,
    nullCount,
    nullRate: rate(nullCount, column.length),
    min: count === 0 ? null : jsonNumber(min),
    max: count === 0 ? null : jsonNumber(max),
  };
}
