import { Frame, categoryColumn, float64Column, timestampColumn } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';

const H = 3_600_000;
const t0 = Date.UTC(2023, 11, 31, 0);
const now = Date.UTC(2024, 0, 1);

// Entity a: 0h, 1h, 5h (a 4h gap), 3h (out of order), 5h again (duplicate).
// Entity b: 2h, 26h (future), 2h (duplicate and out of order relative to 26h).
const frame = Frame.fromColumns({
  id: categoryColumn([0, 0, 1, 0, 0, 1, 1, 0], ['a', 'b']),
  ts: timestampColumn([t0, t0 + H, t0 + 2 * H, t0 + 5 * H, t0 + 3 * H, t0 + 26 * H, t0 + 2 * H, t0 + 5 * H]),
  v: float64Column([1, 2, 3, 4, 5, 6, 7, 8]),
});
const columns = { id: { dtype: 'category' }, ts: { dtype: 'timestamp' }, v: { dtype: 'float64' } } as const;

describe('temporal checks', () => {
  it('finds out-of-order rows, gaps, duplicate timestamps per entity and future timestamps', () => {
    const { find, report } = validate(frame, { columns: { ...columns }, timestamp: 'ts', entity: 'id', expectedFrequencyMs: 2 * H, key: ['id', 'ts'] }, { now });
    expect(find('temporalOrder')).toMatchObject({
      column: 'ts',
      severity: 'error',
      status: 'fail',
      badCount: 2,
      examples: [{ row: 4, value: '2023-12-31T03:00:00.000Z', note: 'earlier than row 3' }, { row: 6, value: '2023-12-31T02:00:00.000Z', note: 'earlier than row 5' }],
      message: '2 rows earlier than a previous row per id in "ts" (not in time order)',
    });
    // In time order: a 0h,1h,3h,5h,5h and b 2h,2h,26h; gaps over 2h: b 2h → 26h only.
    expect(find('temporalGap')).toMatchObject({ severity: 'warn', status: 'warn', badCount: 1, details: { expectedFrequencyMs: 2 * H, largestGapMs: 24 * H, largestGapRow: 5 } });
    expect(find('temporalGap').message).toBe('1 gap per id longer than the expected 2h in "ts"; largest 1d');
    expect(find('temporalDuplicate')).toMatchObject({ badCount: 2, examples: [{ row: 7, note: 'same time as row 3' }, { row: 6, note: 'same time as row 2' }] });
    expect(find('futureTimestamp')).toMatchObject({ badCount: 1, examples: [{ row: 5, value: '2024-01-01T02:00:00.000Z' }], details: { now: '2024-01-01T00:00:00.000Z' } });
    expect(report.checkedAt).toBe('2024-01-01T00:00:00.000Z');
    // Duplicate timestamps per entity are also duplicate keys.
    expect(find('duplicateKeys')).toMatchObject({ column: 'id, ts', badCount: 2 });
  });

  it('treats the whole frame as one series without an entity', () => {
    const { find } = validate(frame, { columns: { ...columns }, timestamp: 'ts', expectedFrequencyMs: 2 * H }, { now: t0 + 100 * H });
    // Row order 0,1,2,5,3,26,2,5 (hours): 3 after 5, 2 after 26 and 5 after 26 are out of order.
    expect(find('temporalOrder')).toMatchObject({ badCount: 3, message: '3 rows earlier than a previous row in "ts" (not in time order)' });
    expect(find('temporalGap')).toMatchObject({ badCount: 1, details: { largestGapMs: 21 * H } });
    expect(find('temporalDuplicate')).toMatchObject({ badCount: 2 });
    expect(find('futureTimestamp')).toMatchObject({ status: 'pass', badCount: 0 });
  });

  it('uses the injected now for future timestamps', () => {
    expect(validate(frame, { columns: { ...columns }, timestamp: 'ts' }, { now: t0 }).find('futureTimestamp').badCount).toBe(7);
  });

  it('passes a clean series and skips missing timestamps', () => {
    const clean = Frame.fromColumns({ ts: timestampColumn([t0, t0 + H, 0, t0 + 2 * H], [0, 0, 1, 0]) });
    const { find } = validate(clean, { columns: { ts: { dtype: 'timestamp', nullable: true } }, timestamp: 'ts', expectedFrequencyMs: H }, { now });
    expect(['temporalOrder', 'temporalGap', 'temporalDuplicate', 'futureTimestamp'].map((c) => find(c as never).status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });
});
