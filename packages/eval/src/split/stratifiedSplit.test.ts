import { Frame, categoryColumn } from '@mlops/frame';
import { randomSplit } from './randomSplit';
import { stratifiedSplit } from './stratifiedSplit';

// 80 rows of "a", 20 of "b".
const codes = Int32Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? 1 : 0));
const frame = Frame.fromColumns({ y: categoryColumn(codes, ['a', 'b']) });
const countB = (rows: Int32Array) => Array.from(rows).filter((r) => codes[r] === 1).length;

describe('stratifiedSplit', () => {
  it('keeps each class share in train and test', () => {
    const { train, test } = stratifiedSplit(frame, 'y', { testFraction: 0.25, seed: 7 });
    expect(test.length).toBe(25);
    expect(train.length).toBe(75);
    expect(countB(test)).toBe(5);
    expect(countB(train)).toBe(15);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = stratifiedSplit(frame, 'y', { testFraction: 0.25, seed: 1 });
    expect(stratifiedSplit(frame, 'y', { testFraction: 0.25, seed: 1 })).toEqual(a);
    expect(stratifiedSplit(frame, 'y', { testFraction: 0.25, seed: 2 }).test).not.toEqual(a.test);
  });

  it('rejects a label with nulls', () => {
    const withNull = Frame.fromColumns({ y: categoryColumn(Int32Array.of(0, -1, 1, 0), ['a', 'b']) });
    expect(() => stratifiedSplit(withNull, 'y', { testFraction: 0.5 })).toThrow('y: 1 target value(s) are null');
  });
});

describe('randomSplit', () => {
  it('partitions the rows with ceil(testFraction × n) test rows, deterministically', () => {
    const { train, test } = randomSplit(frame, { testFraction: 0.33, seed: 3 });
    expect(test.length).toBe(33);
    expect(new Set([...train, ...test]).size).toBe(100);
    expect(randomSplit(100, { testFraction: 0.33, seed: 3 })).toEqual({ train, test });
  });
});
