import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { attr, composeModels, createGraph } from '@mlops/onnx';
import { runOnnx } from '../__fixtures__/onnxRuntime';
import { oneHotEncoder } from '../encoders/oneHotEncoder';
import { simpleImputer } from '../imputers/simpleImputer';
import { standardScaler } from '../scalers/standardScaler';
import { transformChain } from './transformChain';

const train = Frame.fromColumns({
  x: float64Column([1, 2, NaN, 4]),
  color: categoryColumn([0, 1, 0, 1], ['red', 'blue']),
});

describe('FittedTransformChain with a model behind it', () => {
  it('composes with a LinearClassifier graph that reads `features`', async () => {
    const chain = transformChain([simpleImputer(), standardScaler(), oneHotEncoder()]).fit(train);
    const width = chain.featureNames().length; // x, color_blue, color_red
    // Class 1 scores x + 10 * blue; class 0 scores the opposite.
    const model = createGraph('model')
      .input('features', 'float', ['N', width])
      .node(
        'LinearClassifier',
        ['features'],
        ['label', 'scores'],
        {
          classlabels_ints: attr.ints([0, 1]),
          coefficients: attr.floats([-1, -10, 0, 1, 10, 0]),
          intercepts: attr.floats([0, 0]),
        },
        'ai.onnx.ml',
      )
      .output('label', 'int64', ['N'])
      .output('scores', 'float', ['N', 2])
      .toModel();
    const served = composeModels(chain.toOnnx(), model, { connect: { features: 'features' } });
    const serve = Frame.fromColumns({ x: float64Column([4, 1]), color: categoryColumn([0, 1], ['red', 'blue']) });
    const out = await runOnnx(served, 'chain-and-linear-classifier.onnx', chain.onnxFeeds(serve));
    expect(Array.from(out.label.data as BigInt64Array, Number)).toEqual([1, 1]);
    const features = chain.features(serve).data;
    const scores = out.scores.data as Float32Array;
    expect(scores[1]).toBeCloseTo(features[0], 5);
    expect(scores[3]).toBeCloseTo(features[3] + 10, 5);
  });
});
