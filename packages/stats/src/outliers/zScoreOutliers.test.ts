import { boolColumn, float64Column, int32Column } from '@mlops/frame';
import { zScoreOutliers } from './zScoreOutliers';

describe('zScoreOutliers', () => {
  it('flags |x − mean| / std > threshold with the sample std', () => {
    // Twenty zeros and one 100: mean 100/21, sample std sqrt(476.19...), z(100) ≈ 4.36, z(0) ≈ 0.22.
    const column = float64Column([...new Array<number>(20).fill(0), 100, NaN], [...new Array<number>(21).fill(0), 1]);
    const found = zScoreOutliers(column);
    expect(found.mean).toBeCloseTo(100 / 21, 14);
    expect(found.std).toBeCloseTo(Math.sqrt((20 * (100 / 21) ** 2 + (100 - 100 / 21) ** 2) / 20), 12);
    expect(Array.from(found.indices)).toEqual([20]);
    expect(Array.from(zScoreOutliers(column, 5).indices)).toEqual([]);
  });

  it('flags the same row when the values are near float64\'s limits, where x − mean overflows', () => {
    // The first test's shape with one value of each sign near ±1.7e308: z of the outlier ≈ 4.36.
    const a = 1.7e308;
    const found = zScoreOutliers(float64Column([...new Array<number>(20).fill(a), -a]));
    expect(found.mean / a).toBeCloseTo(19 / 21, 14);
    expect(found.std / a).toBeCloseTo(Math.sqrt(84) / 21, 14);
    expect(Array.from(found.indices)).toEqual([20]);
  });

  it('flags nothing when the std is 0 or undefined', () => {
    expect(zScoreOutliers(float64Column([2, 2, 2])).indices.length).toBe(0);
    expect(zScoreOutliers(float64Column([2])).std).toBeNaN();
    expect(zScoreOutliers(float64Column([2])).indices.length).toBe(0);
  });

  it('skips int32 null slots', () => {
    const data = [...new Array<number>(20).fill(5), 0, 6];
    const nulls = [...new Array<number>(20).fill(0), 1, 0];
    expect(Array.from(zScoreOutliers(int32Column(data, nulls), 2).indices)).toEqual([21]);
  });

  it('names the operation for non-numeric columns and rejects a negative threshold', () => {
    expect(() => zScoreOutliers(boolColumn([true]))).toThrow('zScoreOutliers needs a float64 or int32 or timestamp column, received a bool column');
    expect(() => zScoreOutliers(float64Column([1]), -1)).toThrow('threshold: expected a non-negative number, received -1');
  });
});
