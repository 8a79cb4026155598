import type { LoadedModel, ModelSignature } from '@mlops/core';
import { attr, createGraph, tensor } from '@mlops/onnx';

/** Columns of the test model and of the CSV the tests score. */
export const features = ['x1', 'x2', 'x3'];
const weights = [0.8, -1.2, 0.5];
const bias = 0.1;

/**
 * A serving-shaped ONNX model: one float input `[N, 1]` per column, a logistic regression inside,
 * `label` (int64 class index) and `probabilities` (`[N, 2]`) out, like the example's models.
 */
export function logisticOnnx(): Uint8Array {
  const g = createGraph('logistic');
  for (const name of features) g.input(name, 'float', ['N', 1]);
  g.node('Concat', features, ['x'], { axis: attr.int(1) })
    .initializer('w', tensor('float', [features.length, 1], weights))
    .initializer('b', tensor('float', [1], [bias]))
    .initializer('one', tensor('float', [1], [1]))
    .node('MatMul', ['x', 'w'], ['z0'])
    .node('Add', ['z0', 'b'], ['z'])
    .node('Sigmoid', ['z'], ['p1'])
    .node('Sub', ['one', 'p1'], ['p0'])
    .node('Concat', ['p0', 'p1'], ['probabilities'], { axis: attr.int(1) })
    .node('ArgMax', ['probabilities'], ['label'], { axis: attr.int(1), keepdims: attr.int(0) })
    .output('label', 'int64', ['N'])
    .output('probabilities', 'float', ['N', 2]);
  return g.toModel();
}

export const signature: ModelSignature = {
  task: 'binary',
  inputs: features.map((name) => ({ name, type: 'float' as const })),
  outputs: [
    { name: 'label', type: 'int64', shape: [null] },
    { name: 'probabilities', type: 'float', shape: [null, 2] },
  ],
  classes: ['benign', 'malignant'],
};

/** The expected probability of class 1 for one row, computed in JS (float32 inputs as in the model). */
export function expectedP1(values: number[]): number {
  const z = values.reduce((s, v, i) => s + Math.fround(v) * weights[i], bias);
  return 1 / (1 + Math.exp(-z));
}

/** The model loaded into onnxruntime-node. */
export function loadLogistic(): Promise<LoadedModel> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadOrtModel } = require('./ortLoadedModel.js') as { loadOrtModel(bytes: Uint8Array): Promise<LoadedModel> };
  return loadOrtModel(logisticOnnx());
}

/** A CSV of `rows` rows with an `id` column and the features (a few missing cells and quoted ids). */
export function sampleCsv(rows: number): string {
  let text = `id,${features.join(',')},note\n`;
  for (let i = 0; i < rows; i++) {
    const v = features.map((_, j) => (i % 97 === 5 && j === 1 ? '' : (((i * 7 + j * 13) % 41) / 10 - 2).toFixed(2)));
    text += `${i % 50 === 0 ? `"id-${i},x"` : `id-${i}`},${v.join(',')},"line ""${i}"""\n`;
  }
  return text;
}
