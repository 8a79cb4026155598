import { categoryColumn, float64Column, Frame, timestampColumn } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { oneHotEncoder } from '../encoders/oneHotEncoder';
import { standardScaler } from '../scalers/standardScaler';
import { userTransform } from '../user/userTransform';

const frame = Frame.fromColumns({
  city: categoryColumn([0, 1, 2, 0, 1], ['paris', 'rome', 'oslo']),
  x: float64Column([1, 2, 3, 4, 5]),
});

describe('ONNX export of a chain', () => {
  it('splits a one-hot block when a later step reads one of its columns', async () => {
    const chain = transformChain([oneHotEncoder(), standardScaler({ columns: ['city_paris'] })]).fit(frame);
    expect(chain.featureNames()).toEqual(['city_oslo', 'city_paris', 'city_rome', 'x']);
    await expectParity(chain, frame, 'split-block.onnx');
  });

  it('refuses a graph whose columns differ from the in-process features', () => {
    // apply adds a column, onnx forgets it.
    const sloppy = userTransform({
      name: 'sloppy',
      fit: () => null,
      apply: ({ x }) => ({ x, x2: x }),
      onnx: () => undefined,
      columns: ['x'],
    });
    expect(() => transformChain([oneHotEncoder(), sloppy]).fit(frame).toOnnx()).toThrowErrorMatchingInlineSnapshot(
      `"transform-chain: the ONNX graph ends with columns "city_oslo", "city_paris", "city_rome", "x", but the chain's features are "city_oslo", "city_paris", "city_rome", "x", "x2""`,
    );
  });

  it('refuses an input named like the output, and timestamp inputs', () => {
    const named = Frame.fromColumns({ features: float64Column([1, 2]) });
    expect(() => transformChain([]).fit(named).toOnnx()).toThrow('input column "features" has the name of the graph\'s output');
    const stamped = Frame.fromColumns({ at: timestampColumn([0, 1]) });
    expect(() => transformChain([]).fit(stamped).toOnnx()).toThrow('input column "at" is a timestamp');
  });

  it('passes numeric columns straight from the inputs to the output', async () => {
    const chain = transformChain([]).fit(Frame.fromColumns({ a: float64Column([1, NaN]), b: float64Column([3, 4]) }));
    const data = await expectParity(chain, Frame.fromColumns({ a: float64Column([1, NaN]), b: float64Column([3, 4]) }), 'passthrough.onnx');
    expect(Array.from(data)).toEqual([1, 3, NaN, 4]);
  });
});
