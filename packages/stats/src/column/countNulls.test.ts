import { float64Column } from '@mlops/frame';
import { summarize } from '../summary/summarize';
import { countNulls } from './countNulls';

describe('countNulls', () => {
  it('counts marked nulls only, where a summary also counts unmarked NaNs as missing', () => {
    const column = float64Column([1, NaN, NaN], [0, 1, 0]);
    expect(countNulls(column)).toBe(1);
    expect(summarize(column).nullCount).toBe(2);
    expect(countNulls(float64Column([1]))).toBe(0);
  });
});
