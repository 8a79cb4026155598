import type { TensorValue } from '@mlops/core';
import { toPredictions, type OutputLayout } from '../../toPredictions';

/** One output column of a chunk: numbers, or text (class labels). */
export interface PredictionColumn {
  name: string;
  kind: 'number' | 'text';
  values: ArrayLike<number> | readonly string[];
}

/** Output column names: `label` and `probability_<class>` per class (classifiers), or `value` (regressors). */
export function predictionColumnNames(layout: OutputLayout): string[] {
  return layout.task === 'regression' ? ['value'] : ['label', ...layout.classes.map((c) => `probability_${c}`)];
}

/**
 * A chunk's outputs as columns, read through the server's own `toPredictions` so a batch row and a
 * `/predict` answer agree (same label rule, same class order).
 */
export function predictionColumns(outputs: Record<string, TensorValue>, layout: OutputLayout, rows: number): PredictionColumn[] {
  const predictions = toPredictions(outputs, layout, 0, rows);
  if (layout.task === 'regression') {
    return [{ name: 'value', kind: 'number', values: Float64Array.from(predictions, (p) => ('value' in p ? p.value : NaN)) }];
  }
  const columns: PredictionColumn[] = [{ name: 'label', kind: 'text', values: predictions.map((p) => ('label' in p ? p.label : '')) }];
  for (const c of layout.classes) {
    columns.push({ name: `probability_${c}`, kind: 'number', values: Float64Array.from(predictions, (p) => ('probabilities' in p ? p.probabilities[c]! : NaN)) });
  }
  return columns;
}
