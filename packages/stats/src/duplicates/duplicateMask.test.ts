import { boolColumn, categoryColumn, float64Column, Frame, int32Column, timestampColumn } from '@mlops/frame';
import { duplicateMask } from './duplicateMask';

// Expected masks are pandas 1.5 `df.duplicated(subset=keys, keep=...)` on the same data:
// a = [1, NaN, 1, NaN, -0.0, 0.0, 1], b = ['x', None, 'x', None, 'y', 'y', 'z'], c = Int64 [1, NA, 1, NA, 2, 2, 1].
const frame = Frame.fromColumns({
  a: float64Column([1, NaN, 1, NaN, -0, 0, 1], [0, 1, 0, 0, 0, 0, 0]),
  // 'y' appears twice in the dictionary: values compare by string, not by code.
  b: categoryColumn([0, -1, 0, -1, 1, 3, 2], ['x', 'y', 'z', 'y']),
  c: int32Column([1, 0, 1, 0, 2, 2, 1], [0, 1, 0, 1, 0, 0, 0]),
});
const mask = (keys: readonly string[] | undefined, keep: 'first' | 'last') => Array.from(duplicateMask(frame, keys, keep));

describe('duplicateMask', () => {
  it.each([
    [undefined, [0, 0, 1, 1, 0, 1, 0], [1, 1, 0, 0, 1, 0, 0]],
    [['a'], [0, 0, 1, 1, 0, 1, 1], [1, 1, 1, 0, 1, 0, 0]],
    [['b'], [0, 0, 1, 1, 0, 1, 0], [1, 1, 0, 0, 1, 0, 0]],
    [['a', 'b'], [0, 0, 1, 1, 0, 1, 0], [1, 1, 0, 0, 1, 0, 0]],
    [['c'], [0, 0, 1, 1, 0, 1, 1], [1, 1, 1, 0, 1, 0, 0]],
  ])('matches pandas for keys %j (null equals null and NaN, -0 equals 0)', (keys, first, last) => {
    expect(mask(keys, 'first')).toEqual(first);
    expect(mask(keys, 'last')).toEqual(last);
  });

  it("defaults to all columns and keep 'first', and ignores repeated key names", () => {
    expect(Array.from(duplicateMask(frame))).toEqual([0, 0, 1, 1, 0, 1, 0]);
    expect(mask(['a', 'a'], 'first')).toEqual(mask(['a'], 'first'));
  });

  it('tells a null bool or int apart from the value its slot holds', () => {
    const f = Frame.fromColumns({
      flag: boolColumn([false, false, true, true], [0, 1, 0, 1]),
      n: int32Column([0, 0, 5, 5], [0, 1, 0, 0]),
      ts: timestampColumn([0, 0, 1, 1]),
    });
    expect(Array.from(duplicateMask(f, ['flag']))).toEqual([0, 0, 0, 1]);
    expect(Array.from(duplicateMask(f, ['n']))).toEqual([0, 0, 0, 1]);
    expect(Array.from(duplicateMask(f, ['ts'], 'last'))).toEqual([1, 0, 1, 0]);
  });

  it('finds exactly the repeats among many rows', () => {
    // 200,000 rows drawn from 50,000 distinct (int, float) pairs: every row after a pair's first
    // occurrence is a duplicate, which a Set of the pairs counts independently.
    const n = 200_000;
    const ints = new Int32Array(n);
    const floats = new Float64Array(n);
    let seed = 1;
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const k = seed % 50_000;
      ints[i] = k % 977;
      floats[i] = Math.floor(k / 977) / 7;
    }
    const result = duplicateMask(Frame.fromColumns({ i: int32Column(ints), f: float64Column(floats) }));
    const seen = new Set<string>();
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const key = `${ints[i]}|${floats[i]}`;
      const repeat = seen.has(key);
      if (repeat) expected++;
      else seen.add(key);
      if (result[i] !== (repeat ? 1 : 0)) throw new Error(`row ${i} marked ${result[i]}`);
    }
    expect(result.reduce((s, v) => s + v, 0)).toBe(expected);
  });

  it('has no duplicates without columns, and rejects empty keys, unknown columns and bad policies', () => {
    expect(Array.from(duplicateMask(Frame.fromColumns({}).withColumn('x', float64Column([1, 1])).drop(['x'])))).toEqual([0, 0]);
    expect(() => duplicateMask(frame, [])).toThrow('keys: expected at least one column name (omit keys to compare whole rows)');
    expect(() => duplicateMask(frame, ['nope'])).toThrow(/column "nope" not found/);
    // @ts-expect-error keep is 'first' or 'last'
    expect(() => duplicateMask(frame, undefined, false)).toThrow(`keep: expected 'first' or 'last', received false`);
  });
});
