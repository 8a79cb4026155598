import { Frame, float64Column, int32Column } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';

const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
const frame = Frame.fromColumns({ x: float64Column(values), n: int32Column([-50, ...values.slice(1)]) });

describe('outliers', () => {
  it('flags IQR outliers (numpy linear quartiles), logs examples, and keeps every row', () => {
    const { find, out, report } = validate(frame, { columns: { x: { dtype: 'float64', outliers: { method: 'iqr' } }, n: { dtype: 'int32' } } });
    expect(find('outliers', 'x')).toEqual({
      check: 'outliers',
      column: 'x',
      severity: 'warn',
      status: 'warn',
      badCount: 1,
      examples: [{ row: 9, value: 100, note: 'above upper bound' }],
      message: '1 outlier in "x" by iqr (bounds [-3.5, 14.5]); kept as they are',
      details: { method: 'iqr', k: 1.5, q1: 3.25, q3: 7.75, lower: -3.5, upper: 14.5, clipped: 0 },
    });
    expect(out.rowCount).toBe(10);
    expect(out.column('x')).toBe(frame.column('x'));
    expect(report.passed).toBe(true);
  });

  it('uses k, and clips to the bounds only when asked (int32 bounds rounded inwards)', () => {
    const { find, out } = validate(frame, {
      columns: { x: { dtype: 'float64', outliers: { method: 'iqr', k: 1, clip: true } }, n: { dtype: 'int32', outliers: { method: 'iqr', clip: true } } },
    });
    expect(find('outliers', 'x').details).toMatchObject({ lower: -1.25, upper: 12.25, clipped: 1 });
    expect(out.column('x').data).toEqual(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 12.25]));
    // n: quartiles 3.25 and 7.75 → fences -3.5 and 14.5 → clipped to -3 and 14.
    expect(Array.from(out.column('n').data)).toEqual([-3, 2, 3, 4, 5, 6, 7, 8, 9, 14]);
    expect(out.column('n').dtype).toBe('int32');
  });

  it('flags by z-score with the sample std', () => {
    const { find } = validate(frame, { columns: { x: { dtype: 'float64', outliers: { method: 'zscore', threshold: 2 } }, n: { dtype: 'int32' } } });
    const e = find('outliers', 'x');
    expect(e).toMatchObject({ badCount: 1, examples: [{ row: 9, value: 100 }] });
    const std = Math.sqrt(8182.5 / 9);
    expect(e.details).toMatchObject({ method: 'zscore', threshold: 2, mean: 14.5 });
    expect(e.details!.std).toBeCloseTo(std, 12);
    expect(e.details!.upper).toBeCloseTo(14.5 + 2 * std, 12);
    expect(validate(frame, { columns: { x: { dtype: 'float64', outliers: { method: 'zscore' } }, n: { dtype: 'int32' } } }).find('outliers', 'x').badCount).toBe(0);
  });

  it('fails the validation when the outlier check is made an error', () => {
    const { find, outcome } = validate(frame, { columns: { x: { dtype: 'float64', outliers: { method: 'iqr', severity: 'error' } }, n: { dtype: 'int32' } } });
    expect(find('outliers', 'x')).toMatchObject({ severity: 'error', status: 'fail' });
    expect(outcome.passed).toBe(false);
  });

  it('fits bounds on the values as given, not on filled ones', () => {
    const withNulls = Frame.fromColumns({ x: float64Column([...values, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]) });
    const { find } = validate(withNulls, { columns: { x: { dtype: 'float64', missing: { strategy: 'median' }, outliers: { method: 'iqr' } } } });
    expect(find('outliers', 'x').details).toMatchObject({ q1: 3.25, q3: 7.75 });
  });
});
