import { Frame, categoryColumn, float64Column, int32Column } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';

describe('type checks', () => {
  it('fails a text column where numbers are expected, naming the column and the unreadable values', () => {
    const frame = Frame.fromColumns({ amount: categoryColumn([0, 1, 2, -1, 1], ['1.5', 'abc', '7']) });
    const { find, outcome } = validate(frame, { columns: { amount: { dtype: 'float64', nullable: true } } });
    expect(outcome.passed).toBe(false);
    expect(find('type', 'amount')).toEqual({
      check: 'type',
      column: 'amount',
      severity: 'error',
      status: 'fail',
      badCount: 2,
      examples: [{ row: 1, value: 'abc' }, { row: 4, value: 'abc' }],
      message: 'column "amount": expected float64, found category; 2 values cannot be read as float64',
      details: { found: 'category', expected: 'float64' },
    });
    // Never a silent NaN: the column is left as it was and no value checks run on it.
    expect(outcome.frame.column('amount').dtype).toBe('category');
  });

  it('converts without loss when every value fits, and says so', () => {
    const frame = Frame.fromColumns({
      a: int32Column([1, 2, 3]),
      b: float64Column([1, 2, 3]),
      c: categoryColumn([0, 1, 0], ['2024-01-01', '2024-01-02T10:00:00Z']),
      d: categoryColumn([0, 1, 0], ['TRUE', 'false']),
    });
    const { find, out } = validate(frame, { columns: { a: { dtype: 'float64' }, b: { dtype: 'int32' }, c: { dtype: 'timestamp' }, d: { dtype: 'bool' } } });
    expect(find('type', 'a')).toMatchObject({ status: 'pass', message: 'column "a" is int32, converted to float64 without loss' });
    expect(find('type', 'b')).toMatchObject({ status: 'warn', badCount: 3 });
    expect(out.schema().map((c) => c.dtype)).toEqual(['float64', 'int32', 'timestamp', 'bool']);
    expect(out.toRows()[1]).toEqual({ a: 2, b: 2, c: new Date('2024-01-02T10:00:00Z'), d: false });
  });

  it('fails float64 → int32 when a value has a fraction', () => {
    const { find } = validate(Frame.fromColumns({ n: float64Column([1, 2.5, 3]) }), { columns: { n: { dtype: 'int32' } } });
    expect(find('type', 'n')).toMatchObject({ status: 'fail', badCount: 1, examples: [{ row: 1, value: 2.5 }] });
  });

  it('fails every non-null value when no conversion exists', () => {
    const { find } = validate(Frame.fromRows([{ f: true }, { f: null }, { f: false }]), { columns: { f: { dtype: 'category', nullable: true } } });
    expect(find('type', 'f')).toMatchObject({ status: 'fail', badCount: 2, message: 'column "f": expected category, found bool; 2 values cannot be read as category' });
  });

  it('reports missing columns as errors and unexpected ones as warnings', () => {
    const { find, outcome } = validate(Frame.fromRows([{ a: 1, extra: 'x' }]), { columns: { a: { dtype: 'int32' }, b: { dtype: 'float64' } } });
    expect(find('missingColumn', 'b')).toMatchObject({ severity: 'error', status: 'fail', message: 'column "b" is missing from the data (columns: "a", "extra")' });
    expect(find('unexpectedColumn', 'extra')).toMatchObject({ severity: 'warn', status: 'warn' });
    expect(outcome.passed).toBe(false);
  });

  it('passes a frame matching the schema', () => {
    const { report, find } = validate(Frame.fromRows([{ a: 1, b: 'x' }]), { columns: { a: { dtype: 'int32' }, b: { dtype: 'category' } } });
    expect(report.passed).toBe(true);
    expect(find('missingColumn')).toMatchObject({ status: 'pass', message: 'all 2 declared columns present, no others' });
  });
});
