import { categoryColumn, float64Column, Frame, int32Column, boolColumn } from '@mlops/frame';
import { expectParity } from '../__fixtures__/onnxRuntime';
import { transformChain } from '../chain/transformChain';
import { standardScaler } from './standardScaler';

const frame = Frame.fromColumns({
  x: float64Column([1, 2, 3, 4, NaN], [0, 0, 0, 0, 1]),
  constant: int32Column([10, 10, 10, 10, 10]),
  flag: boolColumn([1, 0, 1, 0, 1]),
  city: categoryColumn([0, 0, 1, 1, 0], ['a', 'b']),
});

describe('standardScaler', () => {
  it('learns mean and population std (ddof = 0), skipping nulls, as scikit-learn', () => {
    const fitted = standardScaler().fit(frame);
    // mean 2.5, var = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; the constant column gets scale 1.
    expect(fitted.toJSON()).toEqual({ kind: 'standard-scaler', version: 1, columns: ['x', 'constant'], mean: [2.5, 10], scale: [Math.sqrt(1.25), 1] });
  });

  it('scales to (x - mean) / std and keeps nulls', () => {
    const out = standardScaler().fit(frame).transform(frame);
    const x = out.column('x');
    expect(Array.from(x.data as Float64Array)).toEqual([-1.5, -0.5, 0.5, 1.5, NaN].map((d) => d / Math.sqrt(1.25)));
    expect(Array.from(x.nulls!)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(out.column('constant').data as Float64Array)).toEqual([0, 0, 0, 0, 0]);
    expect(out.column('flag')).toBe(frame.column('flag'));
    expect(out.names).toEqual(frame.names);
  });

  it('scales bool columns when named', () => {
    const out = standardScaler({ columns: ['flag'] }).fit(frame).transform(frame);
    // mean 0.6, var 0.24.
    const expected = [0.4, -0.6, 0.4, -0.6, 0.4].map((d) => d / Math.sqrt(0.24));
    Array.from(out.column('flag').data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it('exports Scaler nodes that match in onnxruntime', async () => {
    const chain = transformChain([standardScaler()], { columns: ['x', 'constant'] }).fit(frame);
    await expectParity(chain, frame, 'standard-scaler.onnx');
  });

  it('rejects a category column, naming it', () => {
    expect(() => standardScaler({ columns: ['city'] }).fit(frame)).toThrowErrorMatchingInlineSnapshot(
      `"standard-scaler: column "city" is category; expected a numeric column (float64, int32 or bool)"`,
    );
  });

  it('rejects a column without values', () => {
    const empty = Frame.fromColumns({ x: float64Column([NaN, NaN], [1, 1]) });
    expect(() => standardScaler().fit(empty)).toThrowErrorMatchingInlineSnapshot(
      `"standard-scaler: column "x" has no non-missing values to compute the mean and standard deviation from"`,
    );
  });
});
