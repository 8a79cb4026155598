import { categoryColumn, float64Column, int32Column, timestampColumn } from '@mlops/frame';
import { iqrBounds } from './iqrBounds';
import { iqrOutliers } from './iqrOutliers';

// pandas: pd.Series([1, ..., 10, 100, -50]).quantile([.25, .75]) == [2.75, 8.25]
const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, -50];

describe('iqrBounds', () => {
  it('uses numpy linear quartiles and Tukey fences', () => {
    expect(iqrBounds(Float64Array.from([...values, NaN]))).toEqual({ q1: 2.75, q3: 8.25, iqr: 5.5, lower: -5.5, upper: 16.5 });
    expect(iqrBounds(Float64Array.from(values), 3).upper).toBe(24.75);
  });

  it('gives NaN bounds without values and rejects a negative k', () => {
    expect(iqrBounds(Float64Array.from([NaN]))).toEqual({ q1: NaN, q3: NaN, iqr: NaN, lower: NaN, upper: NaN });
    expect(() => iqrBounds(Float64Array.from([1]), -1)).toThrow('k: expected a non-negative number, received -1');
  });
});

describe('iqrOutliers', () => {
  it('flags rows outside the fences and never nulls', () => {
    const column = float64Column([...values, NaN], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(iqrOutliers(column)).toMatchObject({ q1: 2.75, q3: 8.25, lower: -5.5, upper: 16.5 });
    expect(Array.from(iqrOutliers(column).indices)).toEqual([10, 11]);
  });

  it('keeps values exactly on a fence (the test is strict)', () => {
    // Sorted: -15, five 0s, five 10s, 25, 26 → q1 0, q3 10, fences -15 and 25.
    const column = float64Column([10, 0, -15, 10, 0, 25, 10, 0, 26, 0, 10, 0, 10]);
    expect(iqrOutliers(column)).toMatchObject({ lower: -15, upper: 25 });
    expect(Array.from(iqrOutliers(column).indices)).toEqual([8]);
  });

  it('reads int32 null slots as missing, not as 0', () => {
    // Present values 10, 11, 12, 13 and a null whose slot holds 0: 0 would be an outlier.
    const found = iqrOutliers(int32Column([10, 0, 11, 12, 13, 1000], [0, 1, 0, 0, 0, 0]));
    expect(Array.from(found.indices)).toEqual([5]);
  });

  it('works on timestamps and names the operation for other dtypes', () => {
    const day = 86_400_000;
    const found = iqrOutliers(timestampColumn([0, day, 2 * day, 3 * day, 365 * day]));
    expect(Array.from(found.indices)).toEqual([4]);
    expect(() => iqrOutliers(categoryColumn([0], ['a']))).toThrow('iqrOutliers needs a float64 or int32 or timestamp column, received a category column');
  });
});
