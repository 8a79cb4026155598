import { attr, createGraph } from '@mlops/onnx';
import type { LinearModelData } from '../LinearModelData';

const ml = 'ai.onnx.ml';

/**
 * ONNX for a linear model, input `features` float [N, F].
 * - regression: LinearRegressor → `variable` float [N, 1];
 * - classifiers: LinearClassifier → `label` int64 [N], `probabilities` float [N, K], class
 *   labels the class indices. Multinomial: one coefficient row per class, SOFTMAX. Binary: one
 *   row (the log-odds of class 1) with LOGISTIC; onnxruntime (checked on 1.30) then fills both
 *   columns as `[σ(−z), σ(z)]` = `[1 − p, p]` and labels by the sign of z (with NONE it would
 *   give `[−z, z]`), which the ONNX parity test pins.
 */
export function buildOnnx(model: LinearModelData): Uint8Array {
  const F = model.featureNames.length;
  const g = createGraph(`${model.kind}-${model.task}`).input('features', 'float', ['N', F]);
  const coefficients = attr.floats(model.coef.flat());
  const intercepts = attr.floats(model.intercept);
  if (model.task === 'regression') {
    g.node('LinearRegressor', ['features'], ['variable'], { coefficients, intercepts, targets: attr.int(1), post_transform: attr.string('NONE') }, ml);
    g.output('variable', 'float', ['N', 1]);
  } else {
    const K = model.classes!.length;
    const postTransform = model.task === 'binary' ? 'LOGISTIC' : 'SOFTMAX';
    g.node('LinearClassifier', ['features'], ['label', 'probabilities'], { coefficients, intercepts, classlabels_ints: attr.ints(model.classes!.map((_, i) => i)), post_transform: attr.string(postTransform), multi_class: attr.int(0) }, ml);
    g.output('label', 'int64', ['N']).output('probabilities', 'float', ['N', K]);
  }
  return g.toModel({ opsets: { '': 15, 'ai.onnx.ml': 3 }, irVersion: 8 });
}
