import { attr, createGraph, tensor } from '@mlops/onnx';
import type { TfjsModelData } from '../TfjsModelData';

const activationOps = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' } as const;

/**
 * ONNX for a dense network, input `features` float [N, F]: one Gemm per layer (weights and bias
 * as initializers) with the hidden activation between them, then
 * - binary: Sigmoid on the logit, Concat(1 − p, p) → `probabilities` [N, 2], ArgMax → `label`;
 * - multiclass: Softmax → `probabilities` [N, K], ArgMax → `label` int64 [N];
 * - regression: the last Gemm is `variable` [N, 1].
 */
export function buildOnnx(model: TfjsModelData): Uint8Array {
  const g = createGraph(`tfjs-dense-${model.task}`).input('features', 'float', ['N', model.featureNames.length]);
  let current = 'features';
  model.layers.forEach((layer, l) => {
    const inputs = layer.weights.length;
    const outputs = layer.bias.length;
    const last = l === model.layers.length - 1;
    g.initializer(`W${l}`, tensor('float', [inputs, outputs], layer.weights.flat()));
    g.initializer(`B${l}`, tensor('float', [outputs], layer.bias));
    const z = last && model.task === 'regression' ? 'variable' : `z${l}`;
    g.node('Gemm', [current, `W${l}`, `B${l}`], [z]);
    current = z;
    if (!last) {
      g.node(activationOps[model.activation], [z], [`h${l}`]);
      current = `h${l}`;
    }
  });
  if (model.task === 'regression') {
    g.output('variable', 'float', ['N', 1]);
  } else {
    if (model.task === 'binary') {
      g.node('Sigmoid', [current], ['p1']);
      g.initializer('one', tensor('float', [], [1]));
      g.node('Sub', ['one', 'p1'], ['p0']);
      g.node('Concat', ['p0', 'p1'], ['probabilities'], { axis: attr.int(1) });
    } else {
      g.node('Softmax', [current], ['probabilities'], { axis: attr.int(1) });
    }
    g.node('ArgMax', ['probabilities'], ['label'], { axis: attr.int(1), keepdims: attr.int(0) });
    g.output('label', 'int64', ['N']).output('probabilities', 'float', ['N', model.classes!.length]);
  }
  return g.toModel({ opsets: { '': 15, 'ai.onnx.ml': 3 }, irVersion: 8 });
}
