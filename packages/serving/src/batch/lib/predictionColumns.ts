import type { TensorValue } from '@mlops/core';
import { labelAt, type OutputLayout } from '../../toPredictions';

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
 * A chunk's outputs as columns, read straight from the output tensors (no prediction objects), with
 * the server's own label rule (`labelAt`) and class order, so a batch row and a `/predict` answer agree.
 */
export function predictionColumns(outputs: Record<string, TensorValue>, layout: OutputLayout, rows: number): PredictionColumn[] {
  if (layout.task === 'regression') {
    const values = outputs[layout.value ?? '']?.data;
    if (!values || Array.isArray(values)) throw new Error(`the model has no numeric output "${layout.value}"`);
    return [{ name: 'value', kind: 'number', values: Float64Array.from({ length: rows }, (_, i) => Number(values[i])) }];
  }
  const proba = outputs[layout.probabilities ?? '']?.data;
  if (!proba || Array.isArray(proba)) throw new Error(`the model has no probabilities output "${layout.probabilities}"`);
  const labels = layout.label ? outputs[layout.label]?.data : undefined;
  const k = layout.classes.length;
  const label = new Array<string>(rows);
  for (let i = 0; i < rows; i++) label[i] = labelAt(layout, proba, labels, i);
  const columns: PredictionColumn[] = [{ name: 'label', kind: 'text', values: label }];
  layout.classes.forEach((c, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = Number(proba[i * k + j]);
    columns.push({ name: `probability_${c}`, kind: 'number', values });
  });
  return columns;
}
