import { float64Column, Frame } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { robustScaler } from './robustScaler';

const frame = Frame.fromColumns({
  x: float64Column([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, NaN], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
  flat: float64Column([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]),
});

describe('robustScaler', () => {
  it('centers on the median and divides by the IQR (numpy linear quantiles)', () => {
    // Ten values: median (5 + 6) / 2 = 5.5; q25 at position 2.25 → 3.25; q75 at 6.75 → 7.75.
    expect(robustScaler().fit(frame).toJSON()).toEqual({ kind: 'robust-scaler', version: 1, columns: ['x', 'flat'], center: [5.5, 3], scale: [4.5, 1] });
    const out = robustScaler().fit(frame).transform(frame).column('x').data as Float64Array;
    expect(out[0]).toBe(-1);
    expect(out[9]).toBe(21);
  });

  it('takes another quantile range', () => {
    // q10 at position 0.9 → 1.9; q90 at 8.1 → 9 + 0.1 * 91 = 18.1.
    const scale = robustScaler({ quantileRange: [10, 90], columns: ['x'] }).fit(frame).toJSON().scale as number[];
    expect(scale[0]).toBeCloseTo(16.2, 12);
  });

  it('rejects an invalid quantile range', () => {
    expect(() => robustScaler({ quantileRange: [75, 25] })).toThrowErrorMatchingInlineSnapshot(
      `"robust-scaler: quantileRange must satisfy 0 <= low < high <= 100, received [75, 25]"`,
    );
  });

  it('matches in onnxruntime', async () => {
    await expectParity(transformChain([robustScaler()]).fit(frame), frame, 'robust-scaler.onnx');
  });
});
