import type { ModelSignature } from '@mlops/core';
import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { attr, composeModels, createGraph } from '@mlops/onnx';
import { createLogisticRegressionTrainer } from '@mlops/trainer-linear';

/** Inputs of the fixture models: three raw float columns, `c` may be null (imputed in the graph). */
export const inputs = ['a', 'b', 'c'] as const;

/** A labelled frame: `y` is pos when a − b/2 + shift > 0, plus noise. */
export function labelledFrame(rows: number, seed: number, shift = 0): Frame {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 4 - 2;
  const a = Float64Array.from({ length: rows }, rnd);
  const b = Float64Array.from({ length: rows }, rnd);
  const c = Float64Array.from({ length: rows }, rnd);
  const y = Int32Array.from(a, (v, i) => (v - 0.5 * b[i]! + shift + 0.3 * rnd() > 0 ? 1 : 0));
  return Frame.fromColumns({ a: float64Column(a), b: float64Column(b), c: float64Column(c), y: categoryColumn(y, ['neg', 'pos']) });
}

/**
 * The preprocessing graph every serving model starts with: one float input per raw column,
 * NaN (null) imputed with 0, concatenated into `features` [N, 3].
 */
function preprocessing(): Uint8Array {
  return createGraph('serving')
    .input('a', 'float', ['N', 1])
    .input('b', 'float', ['N', 1])
    .input('c', 'float', ['N', 1])
    .node('Concat', ['a', 'b', 'c'], ['raw'], { axis: attr.int(1) })
    .node('Imputer', ['raw'], ['features'], { imputed_value_floats: attr.floats([0, 0, 0]), replaced_value_float: attr.float(NaN) }, 'ai.onnx.ml')
    .output('features', 'float', ['N', 3])
    .toModel();
}

/** Signature of the fixture classifiers. */
export const signature: ModelSignature = {
  task: 'binary',
  inputs: [
    { name: 'a', type: 'double' },
    { name: 'b', type: 'double' },
    { name: 'c', type: 'double', nullable: true },
  ],
  outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 2] }],
  classes: ['neg', 'pos'],
};

/** A serving ONNX (preprocessing + logistic regression); `shift` makes a different model. */
export async function servingModel(shift = 0, C = 1): Promise<Uint8Array> {
  const model = await createLogisticRegressionTrainer().fit(labelledFrame(400, 11, shift), 'y', { C });
  return composeModels(preprocessing(), model.toOnnx(), { connect: { features: 'features' } });
}
