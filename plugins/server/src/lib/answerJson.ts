import type { TensorValue } from '@mlops/core';
import { toPredictions, type OutputLayout } from '@mlops/serving';
import { checkFiniteOutputs, nonFiniteOutput } from './checkFiniteOutputs';
import { predictionsJson } from './predictionsJson';

/** A request's rows `[start, end)` of an inference call's outputs (a micro-batch holds several requests). */
export interface ServedRows {
  outputs: Record<string, TensorValue>;
  start: number;
  end: number;
}

/**
 * The `/predict` answer: its JSON text, and how many rows got each label (for the predictions
 * counter): `counts[i]` rows got `classes[i]` (labels with no rows left out; regressors: `''`).
 * Two arrays, not a Map: no hashing per request.
 */
export interface AnswerJson {
  text: string;
  classes: string[];
  counts: number[];
}

/** A classifier layout's JSON pieces, worked out once: `"class":` keys in JSON.stringify's order, quoted labels. */
interface ClassifierJson {
  /** Class index of each key, in the order JSON.stringify writes an object literal's keys (integer-like names first). */
  order: number[];
  /** `"name":` per key, in that order (the first without its comma). */
  keys: string[];
  /** `{"label":"name","probabilities":{` per class index. */
  heads: string[];
}

const classifiers = new WeakMap<OutputLayout, ClassifierJson | null>();

/**
 * The answer to `/predict` written from the output tensors: no prediction objects, byte for byte
 * what `JSON.stringify({ predictions })` writes for `toPredictions` of the same rows. Throws 500
 * `non_finite_output` on a NaN or ±Infinity, naming the row. Layouts this cannot write directly
 * (string labels, repeated or `__proto__` class names) take the prediction objects.
 */
export function answerJson(rows: ServedRows, layout: OutputLayout, requestId: string): AnswerJson {
  const { outputs, start, end } = rows;
  if (layout.task === 'regression') {
    const values = outputs[layout.value ?? '']?.data;
    if (!values || Array.isArray(values)) return viaObjects(rows, layout, requestId);
    let text = '{"predictions":[';
    for (let i = start; i < end; i++) {
      const v = Number(values[i]);
      if (!Number.isFinite(v)) throw nonFiniteOutput(i - start, requestId);
      text += `${i > start ? ',' : ''}{"value":${String(v)}}`;
    }
    return { text: `${text}]}`, classes: [''], counts: [end - start] };
  }
  const json = classifierJson(layout);
  const proba = outputs[layout.probabilities ?? '']?.data;
  const labelData = layout.label ? outputs[layout.label]?.data : undefined;
  if (!json || !proba || Array.isArray(proba) || Array.isArray(labelData)) return viaObjects(rows, layout, requestId);
  const k = layout.classes.length;
  // A loop, not `fill`: for two classes the builtin call costs more than the stores.
  const counts: number[] = [];
  for (let j = 0; j < k; j++) counts.push(0);
  const { order, keys, heads } = json;
  let text = '{"predictions":[';
  for (let i = start; i < end; i++) {
    const at = i * k;
    let best = 0;
    for (let j = 0; j < k; j++) {
      const p = Number(proba[at + j]);
      if (!Number.isFinite(p)) throw nonFiniteOutput(i - start, requestId);
      if (p > Number(proba[at + best])) best = j;
    }
    // The graph's label output when it has one (exporters derive it from the probabilities), else the argmax.
    const label = labelData ? Number(labelData[i]) : best;
    if (!(label >= 0 && label < k && Number.isInteger(label))) return viaObjects(rows, layout, requestId);
    counts[label]!++;
    text += `${i > start ? ',' : ''}${heads[label]!}`;
    for (let o = 0; o < k; o++) text += `${keys[o]!}${String(Number(proba[at + order[o]!]))}`;
    text += '}}';
  }
  const classes: string[] = [];
  const found: number[] = [];
  for (let j = 0; j < k; j++) {
    if (counts[j]! > 0) {
      classes.push(layout.classes[j]!);
      found.push(counts[j]!);
    }
  }
  return { text: `${text}]}`, classes, counts: found };
}

function classifierJson(layout: OutputLayout): ClassifierJson | undefined {
  let json = classifiers.get(layout);
  if (json === undefined) {
    const classes = layout.classes;
    if (classes.length === 0 || classes.includes('__proto__') || new Set(classes).size !== classes.length) {
      json = null;
    } else {
      // The key order V8 gives an object with these keys, which is the order JSON.stringify writes.
      const probe: Record<string, number> = {};
      classes.forEach((c, j) => (probe[c] = j));
      const order = Object.keys(probe).map((c) => probe[c]!);
      json = {
        order,
        keys: order.map((j, o) => `${o > 0 ? ',' : ''}${JSON.stringify(classes[j])}:`),
        heads: classes.map((c) => `{"label":${JSON.stringify(c)},"probabilities":{`),
      };
    }
    classifiers.set(layout, json);
  }
  return json ?? undefined;
}

/** The general path: prediction objects, checked, then written. */
function viaObjects(rows: ServedRows, layout: OutputLayout, requestId: string): AnswerJson {
  const predictions = toPredictions(rows.outputs, layout, rows.start, rows.end);
  checkFiniteOutputs(predictions, requestId);
  const labels = new Map<string, number>();
  for (const p of predictions) {
    const c = 'label' in p ? p.label : '';
    labels.set(c, (labels.get(c) ?? 0) + 1);
  }
  return { text: predictionsJson(predictions), classes: [...labels.keys()], counts: [...labels.values()] };
}
