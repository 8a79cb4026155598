import { Frame } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';

const rows = [
  { id: 1, v: 'a' },
  { id: 2, v: 'b' },
  { id: 1, v: 'a' }, // exact duplicate of row 0
  { id: 2, v: 'c' }, // same key as row 1, other value
  { id: 3, v: 'd' },
];
const frame = Frame.fromRows(rows);
const columns = { id: { dtype: 'int32' }, v: { dtype: 'category' } } as const;

describe('duplicates', () => {
  it('fails on whole-row and key duplicates by default, dropping nothing', () => {
    const { find, out, outcome } = validate(frame, { columns: { ...columns }, key: 'id' });
    expect(find('duplicateRows')).toMatchObject({ severity: 'error', status: 'fail', badCount: 1, examples: [{ row: 2, value: { id: 1, v: 'a' }, note: 'duplicate of row 0' }] });
    expect(find('duplicateKeys')).toMatchObject({
      column: 'id',
      status: 'fail',
      badCount: 2,
      examples: [{ row: 2, value: { id: 1 }, note: 'duplicate of row 0' }, { row: 3, value: { id: 2 }, note: 'duplicate of row 1' }],
      message: '2 rows repeat a key (id), 1 with other values',
      details: { keys: ['id'], exactDuplicates: 1, conflicting: 1 },
    });
    expect(out.rowCount).toBe(5);
    expect(outcome.passed).toBe(false);
  });

  it('keep_first drops later occurrences and counts them', () => {
    const { find, out, report } = validate(frame, { columns: { ...columns }, duplicates: { keys: ['id'], policy: 'keep_first' } });
    expect(find('duplicateKeys')).toMatchObject({ severity: 'warn', status: 'warn', badCount: 2 });
    expect(out.toRows()).toEqual([rows[0], rows[1], rows[4]]);
    expect(report.rows).toEqual({ input: 5, output: 3, dropped: 2 });
    expect(report.passed).toBe(true);
  });

  it('keep_last keeps the last occurrence, in original order', () => {
    const { out } = validate(frame, { columns: { ...columns }, duplicates: { keys: ['id'], policy: 'keep_last' } });
    expect(out.toRows()).toEqual([rows[2], rows[3], rows[4]]);
  });

  it('without keys, deduplicates whole rows only', () => {
    const { out, has, report } = validate(frame, { columns: { ...columns }, duplicates: { policy: 'keep_first' } });
    expect(has('duplicateKeys')).toBe(false);
    expect(out.toRows()).toEqual([rows[0], rows[1], rows[3], rows[4]]);
    expect(report.rows.dropped).toBe(1);
  });
});
