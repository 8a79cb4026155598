import type { ModelRuntime, ModelSignature } from '@mlops/core';
import { evaluateModel } from '@mlops/eval';
import { argmaxRows, type Frame } from '@mlops/frame';
import { scoreFrame } from '@mlops/serving';

/**
 * Class probabilities (`[rows × classes]`) of a serving model on a frame, loaded by the configured
 * model runtime plugin and fed by `@mlops/serving`'s own conversion: exactly what `/predict` answers.
 */
export async function servingProbabilities(runtime: ModelRuntime, model: Uint8Array, signature: ModelSignature, frame: Frame): Promise<Float64Array> {
  const loaded = await runtime.load(model);
  try {
    const { probabilities } = await scoreFrame(loaded, signature, frame);
    if (!probabilities) throw new Error('expected a classifier with a probabilities output');
    return probabilities;
  } finally {
    await loaded.release();
  }
}

/** Every classification metric of given probabilities on `frame` (labels in column `label`). */
export function evaluateProbabilities(proba: Float64Array, frame: Frame, label: string, classes: readonly string[]) {
  return evaluateModel({ task: classes.length === 2 ? 'binary' : 'multiclass', classes, predict: () => argmaxRows(proba, classes.length), predictProba: () => proba }, frame, label);
}
