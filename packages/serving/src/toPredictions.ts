import type { ModelSignature, TensorInfo, TensorValue } from '@mlops/core';
import type { Prediction } from './PredictRequest';

/** Where a model's answers are in its outputs. */
export interface OutputLayout {
  task: ModelSignature['task'];
  classes: readonly string[];
  /** Class index or label per row (classifiers), if the graph has one. */
  label?: string;
  /** `[n, classes]` probabilities (classifiers). */
  probabilities?: string;
  /** `[n]` or `[n, 1]` values (regressors). */
  value?: string;
}

/**
 * Finds the label/probabilities (classifier) or value (regressor) outputs. Names the loaded graph
 * really has win over the signature's (a signature written by hand may call `variable` `prediction`).
 */
export function outputLayout(signature: ModelSignature, modelOutputs?: readonly TensorInfo[]): OutputLayout {
  const declared = signature.outputs.map((o) => o.name);
  const actual = modelOutputs?.filter((o) => o.type !== 'string' && o.type !== 'non-tensor').map((o) => o.name);
  const pick = (preferred: string[]) => {
    const names = actual ?? declared;
    return preferred.find((n) => names.includes(n)) ?? declared.find((n) => names.includes(n) && n !== 'label') ?? names.find((n) => n !== 'label');
  };
  if (signature.task === 'regression') return { task: signature.task, classes: [], value: pick(['variable', 'value', 'prediction', 'predictions']) };
  const hasLabel = (modelOutputs?.map((o) => o.name) ?? declared).includes('label');
  return { task: signature.task, classes: signature.classes ?? [], label: hasLabel ? 'label' : undefined, probabilities: pick(['probabilities']) };
}

/**
 * Predictions for rows `[start, end)` of a batch's outputs. The label comes from the graph's
 * `label` output when it has one (exporters derive it from the probabilities), else the argmax.
 */
export function toPredictions(outputs: Record<string, TensorValue>, layout: OutputLayout, start: number, end: number): Prediction[] {
  const out: Prediction[] = [];
  if (layout.task === 'regression') {
    const values = outputs[layout.value ?? '']?.data;
    if (!values || Array.isArray(values)) throw new Error(`the model has no numeric output "${layout.value}"`);
    for (let i = start; i < end; i++) out.push({ value: Number(values[i]) });
    return out;
  }
  const k = layout.classes.length;
  const proba = outputs[layout.probabilities ?? '']?.data;
  if (!proba || Array.isArray(proba)) throw new Error(`the model has no probabilities output "${layout.probabilities}"`);
  const labels = layout.label ? outputs[layout.label]?.data : undefined;
  const probabilitiesAt = probabilityRecord(layout);
  for (let i = start; i < end; i++) out.push({ label: labelAt(layout, proba, labels, i), probabilities: probabilitiesAt(proba, i * k) });
  return out;
}

type ProbabilityRecord = (proba: Exclude<TensorValue['data'], string[]>, at: number) => Record<string, number>;
const probabilityRecords = new WeakMap<OutputLayout, ProbabilityRecord>();

/**
 * `{ [class]: probability }` of the row starting at `at`, built by an object literal compiled once
 * per layout: adding the class names one by one to an empty object costs a hidden-class transition
 * each (a measurable share of a 100-row `/predict`); the literal is one allocation. Class names are
 * `JSON.stringify`-quoted (a safe literal key for any string); `__proto__` or a repeated class name
 * would not make a plain literal, so those get the loop.
 */
function probabilityRecord(layout: OutputLayout): ProbabilityRecord {
  let make = probabilityRecords.get(layout);
  if (make) return make;
  const classes = layout.classes;
  if (classes.includes('__proto__') || new Set(classes).size !== classes.length) {
    make = (proba, at) => {
      const out: Record<string, number> = {};
      for (let j = 0; j < classes.length; j++) out[classes[j]!] = Number(proba[at + j]);
      return out;
    };
  } else {
    make = new Function('p', 'at', `return {${classes.map((c, j) => `${JSON.stringify(c)}: Number(p[at + ${j}])`).join(', ')}};`) as ProbabilityRecord;
  }
  probabilityRecords.set(layout, make);
  return make;
}

/**
 * The label of row `i`: the graph's `label` output when it has one (exporters derive it from the
 * probabilities), else the argmax of the probabilities. One rule for `/predict` and batch outputs.
 */
export function labelAt(layout: OutputLayout, proba: Exclude<TensorValue['data'], string[]>, labels: TensorValue['data'] | undefined, i: number): string {
  if (labels) return Array.isArray(labels) ? labels[i]! : (layout.classes[Number(labels[i])] ?? String(labels[i]));
  const k = layout.classes.length;
  let best = 0;
  for (let j = 1; j < k; j++) if (Number(proba[i * k + j]) > Number(proba[i * k + best])) best = j;
  return layout.classes[best]!;
}
