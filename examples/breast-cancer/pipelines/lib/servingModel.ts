import * as ort from 'onnxruntime-node';
import { evaluateModel } from '@mlops/eval';
import { argmaxRows, type Frame } from '@mlops/frame';

/**
 * Runs a serving ONNX model (one float input per raw column, a `probabilities` output) on a frame,
 * the way the server will: raw columns in, the model's own preprocessing inside the graph.
 */
export async function predictProba(onnx: Uint8Array, frame: Frame): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(onnx);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      const column = frame.column(name);
      const data = column.data as ArrayLike<number>;
      const values = Float32Array.from({ length: frame.rowCount }, (_, i) => (column.nulls?.[i] ? NaN : data[i]));
      feeds[name] = new ort.Tensor('float32', values, [frame.rowCount, 1]);
    }
    const out = await session.run(feeds);
    return Float64Array.from(out.probabilities.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Every classification metric of a serving model on `frame` (labels in column `label`). */
export async function evaluateServingModel(onnx: Uint8Array, frame: Frame, label: string, classes: readonly string[]) {
  const proba = await predictProba(onnx, frame);
  return evaluateModel({ task: classes.length === 2 ? 'binary' : 'multiclass', classes, predict: () => argmaxRows(proba, classes.length), predictProba: () => proba }, frame, label);
}
