import { boolColumn, categoryColumn, float64Column, int32Column } from '../column/createColumn';
import { Frame } from '../frame/Frame';
import { numericColumnNames, toFeatureMatrix } from './toFeatureMatrix';
import { argmaxRows } from './argmaxRows';

const frame = Frame.fromColumns({
  a: float64Column([1.5, 2.5]),
  y: categoryColumn(new Int32Array([0, 1]), ['no', 'yes']),
  b: int32Column([3, 4]),
  c: boolColumn([1, 0]),
});

describe('toFeatureMatrix', () => {
  it('reads numeric and bool columns row-major, in the order given', () => {
    expect(numericColumnNames(frame, ['y'])).toEqual(['a', 'b', 'c']);
    expect(Array.from(toFeatureMatrix(frame, ['a', 'b', 'c'], Float64Array))).toEqual([1.5, 3, 1, 2.5, 4, 0]);
    expect(toFeatureMatrix(frame, ['b'], Float32Array)).toBeInstanceOf(Float32Array);
  });

  it('refuses missing values, non-numeric and absent columns by name', () => {
    const withNull = Frame.fromColumns({ a: float64Column([1, 2], [0, 1]) });
    expect(() => toFeatureMatrix(withNull, ['a'], Float64Array)).toThrow('feature column "a" is missing or not finite at row 1 (NaN)');
    expect(() => toFeatureMatrix(frame, ['y'], Float64Array)).toThrow('feature column "y" is category; a numeric or bool column is needed');
    expect(() => toFeatureMatrix(frame, ['z'], Float64Array)).toThrow('feature column "z" is missing (columns: a, y, b, c)');
    expect(() => numericColumnNames(Frame.fromColumns({ y: frame.column('y') }), ['y'])).toThrow('no numeric or bool feature columns besides "y"');
  });
});

describe('argmaxRows', () => {
  it('picks the largest column of each row, the first on ties', () => {
    expect(Array.from(argmaxRows([0.2, 0.8, 0.5, 0.5, 0.1, 0.3, 0.6, 0], 2))).toEqual([1, 0, 1, 0]);
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2], 3))).toEqual([1]);
  });
});
