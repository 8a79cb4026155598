import type { Column } from '@mlops/frame';
import { moments, quantiles } from '@mlops/stats';
import type { FittedFill } from '../report/ReportEntry';

/** A fill fitted on a column: the value as stored in the column's data, and as JSON for serving. */
export interface Fit {
  /** Raw value for `data` (a category code, 0/1, epoch ms, ...). */
  raw: number;
  /** The column, with the constant added to its dictionary when it was not there. */
  column: Column;
  fill: FittedFill;
}

type Strategy = 'mean' | 'median' | 'mode' | 'constant';

/**
 * Fits a fill on the present values of `column` (`missing` marks the others). Means and medians of
 * int32 columns are rounded so the column stays int32; mode ties go to the smallest value (by
 * string for categories) so the fit does not depend on row or dictionary order. Undefined when
 * there is nothing to fit on.
 */
export function fitFill(column: Column, missing: Uint8Array, strategy: Strategy, constant?: number | string | boolean): Fit | undefined {
  const dtype = column.dtype;
  if (strategy === 'constant') return fitConstant(column, constant as number | string | boolean);
  if (strategy === 'mode') return fitMode(column, missing);
  const values = presentValues(column, missing);
  if (values.length === 0) return undefined;
  // The same mean as the baseline profile (and pandas): a compensated sum over n.
  let value = strategy === 'mean' ? moments(values).mean : quantiles(values, [0.5])[0];
  if (dtype === 'int32' || dtype === 'timestamp') value = Math.round(value);
  return { raw: value, column, fill: { strategy, dtype, value } };
}

function presentValues(column: Column, missing: Uint8Array): Float64Array {
  const out = new Float64Array(column.length);
  let n = 0;
  for (let i = 0; i < column.length; i++) if (missing[i] === 0) out[n++] = column.data[i];
  return out.subarray(0, n);
}

function fitMode(column: Column, missing: Uint8Array): Fit | undefined {
  const counts = new Map<number, number>();
  for (let i = 0; i < column.length; i++) if (missing[i] === 0) counts.set(column.data[i], (counts.get(column.data[i]) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const label = (raw: number) => (column.dtype === 'category' ? column.dictionary[raw] : raw);
  let best = NaN;
  let bestCount = 0;
  for (const [raw, count] of counts) {
    if (count > bestCount || (count === bestCount && label(raw) < label(best))) {
      best = raw;
      bestCount = count;
    }
  }
  return { raw: best, column, fill: { strategy: 'mode', dtype: column.dtype, value: jsonValue(column, best) } };
}

function fitConstant(column: Column, constant: number | string | boolean): Fit {
  const fill = (value: FittedFill['value']): FittedFill => ({ strategy: 'constant', dtype: column.dtype, value });
  switch (column.dtype) {
    case 'bool':
      return { raw: constant ? 1 : 0, column, fill: fill(Boolean(constant)) };
    case 'category': {
      const text = String(constant);
      const at = column.dictionary.indexOf(text);
      if (at >= 0) return { raw: at, column, fill: fill(text) };
      return { raw: column.dictionary.length, column: { ...column, dictionary: [...column.dictionary, text] }, fill: fill(text) };
    }
    case 'timestamp': {
      const ms = typeof constant === 'string' ? Date.parse(constant) : Number(constant);
      return { raw: ms, column, fill: fill(ms) };
    }
    default:
      return { raw: Number(constant), column, fill: fill(Number(constant)) };
  }
}

function jsonValue(column: Column, raw: number): FittedFill['value'] {
  if (column.dtype === 'category') return column.dictionary[raw];
  if (column.dtype === 'bool') return raw === 1;
  return raw;
}
