import type { CategoryColumn } from '@mlops/frame';
import type { CategoricalSummary, CategoryFrequency } from './ColumnSummary';
import { rate } from './jsonNumber';
import type { ResolvedSummaryOptions } from './SummaryOptions';

/**
 * Summary of a category column: one counting pass over the codes, then counts are merged by
 * string (a dictionary may hold a value twice) and ranked by count, ties by value.
 */
export function summarizeCategory(column: CategoryColumn, options: ResolvedSummaryOptions): CategoricalSummary {
  const { data, dictionary } = column;
  const perCode = new Float64Array(dictionary.length);
  let nullCount = 0;
  // Null slots always hold code -1 (the frame constructors write it), so no mask lookup is needed.
  for (let i = 0; i < data.length; i++) {
    const code = data[i];
    if (code < 0) nullCount++;
    else perCode[code]++;
  }
  const byValue = new Map<string, number>();
  for (let code = 0; code < perCode.length; code++) {
    if (perCode[code] > 0) byValue.set(dictionary[code], (byValue.get(dictionary[code]) ?? 0) + perCode[code]);
  }
  const ranked: CategoryFrequency[] = [];
  for (const [value, count] of byValue) ranked.push({ value, count });
  ranked.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const frequencies = ranked.slice(0, options.topK);
  const count = column.length - nullCount;
  let listed = 0;
  for (const f of frequencies) listed += f.count;
  return {
    kind: 'categorical',
    dtype: 'category',
    count,
    nullCount,
    nullRate: rate(nullCount, column.length),
    distinct: ranked.length,
    frequencies,
    otherCount: count - listed,
  };
}
