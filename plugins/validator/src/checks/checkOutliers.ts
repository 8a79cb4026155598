import { float64Column, int32Column, type Column } from '@mlops/frame';
import { iqrOutliers, zScoreOutliers } from '@mlops/stats';
import { messages } from '../messages';
import type { Example } from '../report/ReportEntry';
import type { CheckContext } from './CheckContext';

/**
 * Flags outliers of a numeric column by Tukey's fences (`iqr`, `k` default 1.5) or by z-score
 * (`zscore`, `threshold` default 3, sample std), fitted on the values as given so fills do not
 * move the bounds. Outliers are counted, logged with examples and kept: rows are never dropped.
 * With `clip: true` the flagged values of the output column are set to the nearest bound
 * (rounded inwards for int32). Returns the output column.
 */
export function checkOutliers(ctx: CheckContext, name: string, given: Column, repaired: Column): Column {
  const spec = ctx.schema.columns[name].outliers;
  if (!spec || (given.dtype !== 'float64' && given.dtype !== 'int32')) return repaired;
  let lower: number, upper: number, indices: Int32Array;
  let details: Record<string, number | string | boolean | null>;
  if (spec.method === 'iqr') {
    const k = spec.k ?? 1.5;
    const found = iqrOutliers(given, k);
    ({ lower, upper, indices } = found);
    details = { method: 'iqr', k, q1: finite(found.q1), q3: finite(found.q3), lower: finite(lower), upper: finite(upper) };
  } else {
    const threshold = spec.threshold ?? 3;
    const found = zScoreOutliers(given, threshold);
    indices = found.indices;
    lower = found.mean - threshold * found.std;
    upper = found.mean + threshold * found.std;
    details = { method: 'zscore', threshold, mean: finite(found.mean), std: finite(found.std), lower: finite(lower), upper: finite(upper) };
  }
  const examples: Example[] = [];
  for (let k = 0; k < indices.length && examples.length < ctx.maxExamples; k++) {
    const row = indices[k];
    examples.push(ctx.example(name, row, given.data[row] < lower ? 'below lower bound' : 'above upper bound'));
  }
  const out = spec.clip && indices.length > 0 ? clip(repaired, indices, lower, upper) : repaired;
  details.clipped = spec.clip ? indices.length : 0;
  const severity = ctx.severity('outliers', { column: name, inline: spec.severity });
  ctx.add({ check: 'outliers', column: name, severity, badCount: indices.length, examples, message: messages.outliers(name, indices.length, spec.method, lower, upper, spec.clip), details });
  return out;
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function clip(column: Column, rows: Int32Array, lower: number, upper: number): Column {
  if (column.dtype === 'int32') {
    const data = column.data.slice();
    const lo = Math.ceil(lower), hi = Math.floor(upper);
    for (const row of rows) data[row] = Math.min(hi, Math.max(lo, data[row]));
    return int32Column(data, column.nulls?.slice());
  }
  if (column.dtype !== 'float64') return column;
  const data = column.data.slice();
  for (const row of rows) data[row] = Math.min(upper, Math.max(lower, data[row]));
  return float64Column(data, column.nulls?.slice());
}
