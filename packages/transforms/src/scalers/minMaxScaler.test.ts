import { float64Column, Frame, int32Column } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { minMaxScaler } from './minMaxScaler';

const frame = Frame.fromColumns({
  x: float64Column([2, 4, 6, NaN]),
  constant: int32Column([5, 5, 5, 5]),
});

describe('minMaxScaler', () => {
  it('learns the training range, skipping NaN', () => {
    expect(minMaxScaler().fit(frame).toJSON()).toEqual({ kind: 'min-max-scaler', version: 1, columns: ['x', 'constant'], min: [2, 5], max: [6, 5] });
  });

  it('maps the range to [0, 1] without clipping; a constant column maps to 0', () => {
    const fitted = minMaxScaler().fit(frame);
    const serve = Frame.fromColumns({ x: float64Column([2, 5, 6, 8, -2]), constant: int32Column([5, 5, 6, 4, 5]) });
    const out = fitted.transform(serve);
    expect(Array.from(out.column('x').data as Float64Array)).toEqual([0, 0.75, 1, 1.5, -1]);
    expect(Array.from(out.column('constant').data as Float64Array)).toEqual([0, 0, 1, -1, 0]);
  });

  it('keeps NaN', () => {
    expect((minMaxScaler().fit(frame).transform(frame).column('x').data as Float64Array)[3]).toBeNaN();
  });

  it('exports a Scaler with offset min and scale 1 / range that matches in onnxruntime', async () => {
    await expectParity(transformChain([minMaxScaler()]).fit(frame), frame, 'min-max-scaler.onnx');
  });
});
