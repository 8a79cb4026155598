import { kFold } from './kFold';
import { stratifiedKFold } from './stratifiedKFold';

describe('kFold', () => {
  it('cuts consecutive folds of sklearn sizes without shuffling', () => {
    const folds = kFold(7, 3);
    expect(folds.map((f) => Array.from(f.test))).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect(Array.from(folds[1]!.train)).toEqual([0, 1, 2, 5, 6]);
  });

  it('with shuffle puts every row in exactly one test fold, the same for a seed', () => {
    const folds = kFold(10, 4, { shuffle: true, seed: 9 });
    const all = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(folds.map((f) => f.test.length)).toEqual([3, 3, 2, 2]);
    expect(kFold(10, 4, { shuffle: true, seed: 9 })).toEqual(folds);
    expect(folds.map((f) => Array.from(f.test))).not.toEqual(kFold(10, 4).map((f) => Array.from(f.test)));
  });

  it('rejects k outside 2..n', () => {
    expect(() => kFold(3, 4)).toThrow('k: expected 2 ≤ k ≤ 3 (the number of rows), received 4');
  });
});

describe('stratifiedKFold', () => {
  it('gives every fold its share of each class', () => {
    const labels = Int32Array.from({ length: 30 }, (_, i) => (i < 24 ? 0 : 1));
    const folds = stratifiedKFold(labels, 3, { seed: 4 });
    for (const { train, test } of folds) {
      expect(test.length).toBe(10);
      expect(train.length).toBe(20);
      expect(Array.from(test).filter((r) => labels[r] === 1).length).toBe(2);
    }
    expect(new Set(folds.flatMap((f) => Array.from(f.test))).size).toBe(30);
  });

  it('needs k rows of every class', () => {
    expect(() => stratifiedKFold(Int32Array.of(0, 0, 0, 1), 2)).toThrow('k: every class needs at least 2 rows for 2 stratified folds, class 1 has 1');
  });
});
