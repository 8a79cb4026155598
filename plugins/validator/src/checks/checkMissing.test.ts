import { Frame, categoryColumn, float64Column, int32Column, timestampColumn } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';

const nums = Frame.fromColumns({
  x: float64Column([1, NaN, 2, 10, NaN], [0, 1, 0, 0, 1]),
  n: int32Column([1, 0, 2, 2, 0], [0, 1, 0, 0, 1]),
  c: categoryColumn([0, -1, 1, 1, 0], ['b', 'a']),
});

describe('missing values', () => {
  it('fills with the mean, median or mode and reports the fitted values', () => {
    const { find, out, outcome, report } = validate(nums, {
      columns: { x: { dtype: 'float64', missing: { strategy: 'mean' } }, n: { dtype: 'int32', missing: { strategy: 'median' } }, c: { dtype: 'category', missing: { strategy: 'mode' } } },
    });
    expect(out.toRows().map((r) => [r.x, r.n, r.c])).toEqual([[1, 1, 'b'], [13 / 3, 2, 'a'], [2, 2, 'a'], [10, 2, 'a'], [13 / 3, 2, 'b']]);
    expect(find('missing', 'x')).toMatchObject({ severity: 'warn', status: 'warn', badCount: 2, examples: [{ row: 1, value: null }, { row: 4, value: null }], details: { filled: 2, remaining: 0 } });
    expect(find('missing', 'x').message).toBe('column "x": filled 2 missing values with the mean 4.333333333333333');
    // Ties in the mode ("a" and "b" twice each) go to the smaller value, whatever the dictionary order.
    expect(report.fills).toEqual({
      x: { strategy: 'mean', dtype: 'float64', value: 13 / 3 },
      n: { strategy: 'median', dtype: 'int32', value: 2 },
      c: { strategy: 'mode', dtype: 'category', value: 'a' },
    });
    expect(outcome.fittedFills).toEqual({ version: 1, dataset: 'dataset', fills: report.fills });
    expect(find('nullable', 'x')).toMatchObject({ status: 'pass', badCount: 0 });
    expect(report.passed).toBe(true);
  });

  it('rounds int32 means so the column stays int32, and fills constants (a new category value too)', () => {
    const frame = Frame.fromColumns({ n: int32Column([1, 2, 0], [0, 0, 1]), c: categoryColumn([0, -1, 0], ['x']) });
    const { out, report } = validate(frame, { columns: { n: { dtype: 'int32', missing: { strategy: 'mean' } }, c: { dtype: 'category', missing: { strategy: 'constant', value: 'unknown' } } } });
    expect(out.toRows()).toEqual([{ n: 1, c: 'x' }, { n: 2, c: 'unknown' }, { n: 2, c: 'x' }]);
    expect(report.fills.n).toEqual({ strategy: 'mean', dtype: 'int32', value: 2 });
    expect(report.fills.c).toEqual({ strategy: 'constant', dtype: 'category', value: 'unknown' });
  });

  it('fits fills even without gaps, so serving has them', () => {
    const { report, find } = validate(Frame.fromRows([{ x: 1 }, { x: 3 }]), { columns: { x: { dtype: 'int32', missing: { strategy: 'median' } } } });
    expect(report.fills.x).toEqual({ strategy: 'median', dtype: 'int32', value: 2 });
    expect(find('missing', 'x')).toMatchObject({ status: 'pass', badCount: 0 });
  });

  it('fails with strategy "fail", and when there is nothing to fit on', () => {
    const frame = Frame.fromColumns({ a: float64Column([1, NaN], [0, 1]), b: float64Column([NaN, NaN], [1, 1]) });
    const { find, outcome } = validate(frame, { columns: { a: { dtype: 'float64', missing: { strategy: 'fail' } }, b: { dtype: 'float64', missing: { strategy: 'mean' } } } });
    expect(find('missing', 'a')).toMatchObject({ severity: 'error', status: 'fail', badCount: 1, examples: [{ row: 1, value: null }], message: 'column "a" has 1 missing value (strategy "fail")' });
    expect(find('missing', 'b')).toMatchObject({ status: 'fail', badCount: 2, message: 'column "b" has missing values but no present value to fit the mean on' });
    expect(outcome.passed).toBe(false);
  });

  it('counts a float NaN as missing, like pandas', () => {
    const { find } = validate(Frame.fromColumns({ a: float64Column([1, NaN, 3]) }), { columns: { a: { dtype: 'float64', missing: { strategy: 'median' } } } });
    expect(find('missing', 'a')).toMatchObject({ badCount: 1, examples: [{ row: 1, value: 'NaN' }] });
  });

  it('without a strategy: nulls fail a non-nullable column and are only counted in a nullable one', () => {
    const frame = Frame.fromRows([{ a: 1, b: 1 }, { a: null, b: null }]);
    const { find } = validate(frame, { columns: { a: { dtype: 'int32' }, b: { dtype: 'int32', nullable: true } } });
    expect(find('missing', 'a')).toMatchObject({ status: 'pass', badCount: 1, message: 'column "a" has 1 missing value; no fill configured' });
    expect(find('nullable', 'a')).toMatchObject({ severity: 'error', status: 'fail', badCount: 1, examples: [{ row: 1, value: null }], message: 'column "a" is not nullable but has 1 missing value after fills' });
    expect(find('missing', 'b')).toMatchObject({ status: 'pass', badCount: 1 });
  });

  it('forward-fills by entity in time order and restores the original row order', () => {
    const t = (m: number) => Date.UTC(2024, 0, 1, 0, m);
    // Rows are shuffled: by entity and time, u1 is 10 → null → 30 and u2 is null → 5 → null.
    const frame = Frame.fromColumns({
      user: categoryColumn([0, 1, 0, 1, 0, 1], ['u1', 'u2']),
      ts: timestampColumn([t(2), t(3), t(1), t(1), t(3), t(2)]),
      v: float64Column([NaN, NaN, 10, NaN, 30, 5], [1, 1, 0, 1, 0, 0]),
    });
    const { out, find, report } = validate(frame, {
      columns: { user: { dtype: 'category' }, ts: { dtype: 'timestamp' }, v: { dtype: 'float64', missing: { strategy: 'ffill' } } },
      entity: 'user',
      timestamp: 'ts',
    });
    expect(out.toRows().map((r) => [r.user, r.v])).toEqual([['u1', 10], ['u2', 5], ['u1', 10], ['u2', null], ['u1', 30], ['u2', 5]]);
    expect(find('missing', 'v')).toMatchObject({ badCount: 3, details: { filled: 2, remaining: 1 } });
    expect(find('missing', 'v').message).toBe('column "v": forward-filled 2 of 3 missing values (ordered by entity user, time ts); 1 had no earlier value and stay missing');
    // u2's first value cannot be filled: the column is not nullable, so that is an error.
    expect(find('nullable', 'v')).toMatchObject({ status: 'fail', badCount: 1, examples: [{ row: 3, value: null }] });
    expect(report.fills.v).toEqual({ strategy: 'ffill', dtype: 'float64', value: null });
  });

  it('forward-fills in row order when there is neither entity nor timestamp', () => {
    const { out } = validate(Frame.fromRows([{ v: 'a' }, { v: null }, { v: 'b' }, { v: null }]), { columns: { v: { dtype: 'category', missing: { strategy: 'ffill' } } } });
    expect(out.toRows().map((r) => r.v)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('uses the missing check severity override', () => {
    const { find, outcome } = validate(Frame.fromRows([{ a: 1 }, { a: null }]), { columns: { a: { dtype: 'int32', missing: { strategy: 'mean', severity: 'error' } } } });
    expect(find('missing', 'a')).toMatchObject({ severity: 'error', status: 'fail' });
    expect(outcome.frame.toRows()).toEqual([{ a: 1 }, { a: 1 }]);
  });
});
