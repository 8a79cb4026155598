import { accuracy } from './accuracy';
import { confusionMatrix } from './confusionMatrix';
import { precisionRecallF1 } from './precisionRecallF1';

// Class 2 is never predicted: its precision divides by zero and counts as 0 (zero_division=0).
const yTrue = Int32Array.of(0, 0, 1, 1, 2, 2);
const yPred = Int32Array.of(0, 0, 1, 0, 1, 1);

describe('confusionMatrix and accuracy', () => {
  it('counts truth by rows and predictions by columns', () => {
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [2, 0, 0],
      [1, 1, 0],
      [0, 2, 0],
    ]);
    expect(accuracy(yTrue, yPred)).toBe(0.5);
  });

  it('rejects class indices out of range and empty inputs', () => {
    expect(() => confusionMatrix(Int32Array.of(0, 3), Int32Array.of(0, 0), 3)).toThrow('yTrue[1]: expected a class index in [0, 2], received 3');
    expect(() => accuracy(new Int32Array(0), new Int32Array(0))).toThrow('accuracy: expected at least one row, received none');
    expect(() => accuracy(Int32Array.of(1), Int32Array.of(1, 2))).toThrow('yTrue has 1 values but yPred has 2');
  });
});

describe('precisionRecallF1', () => {
  it('computes per-class scores with zero_division=0 for a class never predicted', () => {
    const { perClass } = precisionRecallF1(yTrue, yPred, 3);
    expect(perClass[0]!.precision).toBeCloseTo(2 / 3, 15);
    expect(perClass[0]!.recall).toBe(1);
    expect(perClass[0]!.f1).toBeCloseTo(0.8, 15);
    expect(perClass[1]!.precision).toBeCloseTo(1 / 3, 15);
    expect(perClass[1]!.recall).toBe(0.5);
    expect(perClass[1]!.f1).toBeCloseTo(0.4, 15);
    expect(perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
  });

  it('averages macro over all classes and weighted by support', () => {
    const { macro, weighted } = precisionRecallF1(yTrue, yPred, 3);
    expect(macro.precision).toBeCloseTo(1 / 3, 15);
    expect(macro.recall).toBeCloseTo(0.5, 15);
    expect(macro.f1).toBeCloseTo(0.4, 15);
    // Equal supports, so weighted equals macro here; the next case tells them apart.
    expect(weighted.f1).toBeCloseTo(0.4, 15);
    const skewed = precisionRecallF1(Int32Array.of(0, 0, 0, 1), Int32Array.of(0, 0, 0, 0), 2);
    expect(skewed.macro.f1).toBeCloseTo((6 / 7 + 0) / 2, 15);
    expect(skewed.weighted.f1).toBeCloseTo((3 * (6 / 7)) / 4, 15);
  });

  it('is all ones when perfect and all zeros when always wrong', () => {
    const perfect = precisionRecallF1(Int32Array.of(0, 1, 1), Int32Array.of(0, 1, 1), 2);
    expect(perfect.macro).toEqual({ precision: 1, recall: 1, f1: 1, support: 3 });
    const worst = precisionRecallF1(Int32Array.of(0, 1, 1), Int32Array.of(1, 0, 0), 2);
    expect(worst.weighted).toEqual({ precision: 0, recall: 0, f1: 0, support: 3 });
  });
});
