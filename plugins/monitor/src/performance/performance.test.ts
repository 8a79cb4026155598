import { describe, expect, it } from '@jest/globals';
import { mulberry32, rocAuc } from '@mlops/eval';
import { calibrate, expectedMetrics, fitCbpe } from './cbpe';
import { checkEstimate } from './checkEstimate';
import { classificationMetrics } from './classificationMetrics';
import { expectedCalibrationError } from './calibration';
import { fitIsotonic, predictIsotonic } from './isotonic';
import { weightedRocAuc } from './weightedRocAuc';
import { argsortAscending } from './argsort';

/**
 * A 3-class world: the model's probabilities are a softmax of scores with temperature 0.5 (too
 * sharp); labels are drawn from a softmax with temperature 1 (`flip` moves a share of the rows'
 * true class to the next one: concept drift the model's outputs cannot show).
 */
function multiclass(n: number, seed: number, flip = 0) {
  const r = mulberry32(seed);
  const k = 3;
  const proba = new Float64Array(n * k);
  const predicted = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = [r() * 2, r() * 2, r() * 2];
    const soft = (t: number) => {
      const e = s.map((v) => Math.exp(v / t));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    };
    const p = soft(0.5);
    p.forEach((v, c) => (proba[i * k + c] = v));
    predicted[i] = p.indexOf(Math.max(...p));
    const truth = soft(1);
    let u = r();
    let y = 0;
    while (y < k - 1 && u >= truth[y]!) u -= truth[y++]!;
    labels[i] = r() < flip ? (y + 1) % k : y;
  }
  return { proba, predicted, labels, k };
}

describe('CBPE on a 3-class model', () => {
  const classes = ['a', 'b', 'c'];
  const reference = multiclass(6000, 1);
  const calibration = fitCbpe(reference.proba, reference.labels, classes);

  it('measures its own error on held-out reference rows', () => {
    // A 6,000-row reference: the 2-fold cross-fit misses by about a hundredth, never by a tenth.
    for (const m of ['accuracy', 'f1', 'rocAuc'] as const) {
      expect(calibration.referenceGap[m]).toBeGreaterThan(0);
      expect(calibration.referenceGap[m]).toBeLessThan(0.05);
    }
  });

  it('estimates accuracy, macro F1 and ROC-AUC within 0.03 of the realized values on stationary windows, and the check passes', () => {
    for (const seed of [2, 3, 4]) {
      const w = multiclass(4000, seed);
      const q = calibrate(calibration, w.proba);
      const estimate = expectedMetrics(q, w.proba, w.predicted, 3);
      const realized = classificationMetrics(w.labels, w.predicted, w.proba, 3);
      expect(Math.abs(estimate.accuracy - realized.accuracy)).toBeLessThan(0.03);
      expect(Math.abs(estimate.f1 - realized.f1)).toBeLessThan(0.03);
      expect(Math.abs(estimate.rocAuc! - realized.rocAuc!)).toBeLessThan(0.03);
      const checks = checkEstimate(q, w.proba, w.predicted, w.labels, realized, 3, { minTolerance: 0.02, draws: 100, seed: 1 }, calibration.referenceGap);
      expect(checks.map((c) => [c.metric, c.ok])).toEqual([
        ['accuracy', true],
        ['f1', true],
        ['rocAuc', true],
      ]);
    }
  });

  it('fails the check when half of the labels moved class (concept drift), though the estimate itself did not move', () => {
    const w = multiclass(4000, 5, 0.5);
    const q = calibrate(calibration, w.proba);
    const estimate = expectedMetrics(q, w.proba, w.predicted, 3);
    const realized = classificationMetrics(w.labels, w.predicted, w.proba, 3);
    expect(estimate.accuracy - realized.accuracy).toBeGreaterThan(0.1);
    // The estimate did not move: it sees the same confidences as on stationary windows.
    expect(Math.abs(estimate.accuracy - expectedMetrics(calibrate(calibration, multiclass(4000, 2).proba), multiclass(4000, 2).proba, multiclass(4000, 2).predicted, 3).accuracy)).toBeLessThan(0.03);
    const checks = checkEstimate(q, w.proba, w.predicted, w.labels, realized, 3, { minTolerance: 0.02, draws: 100, seed: 1 }, calibration.referenceGap);
    expect(checks.find((c) => c.metric === 'accuracy')).toMatchObject({ ok: false, difference: realized.accuracy - estimate.accuracy });
  });

  it('on many labels draws from a subset and scales the spread: the tolerance matches the one from every row', () => {
    const w = multiclass(30_000, 6);
    const q = calibrate(calibration, w.proba);
    const realized = classificationMetrics(w.labels, w.predicted, w.proba, 3);
    const options = { minTolerance: 0, draws: 60, seed: 2 };
    const subset = checkEstimate(q, w.proba, w.predicted, w.labels, realized, 3, { ...options, maxSimulatedRows: 5000 });
    const full = checkEstimate(q, w.proba, w.predicted, w.labels, realized, 3, { ...options, maxSimulatedRows: 30_000 });
    subset.forEach((c, i) => {
      expect(c.estimated).toBe(full[i]!.estimated);
      // Spreads from 60 draws each: within a third of each other.
      expect(c.tolerance! / full[i]!.tolerance!).toBeGreaterThan(0.67);
      expect(c.tolerance! / full[i]!.tolerance!).toBeLessThan(1.5);
    });
  });

  it('refuses a reference that never shows a class', () => {
    expect(() => fitCbpe(Float64Array.from([0.9, 0.1, 0.8, 0.2]), Int32Array.from([0, 0]), ['x', 'y'])).toThrow('CBPE reference has no row of class "y": the calibration would say it never happens');
  });
});

describe('the pieces', () => {
  it('argsort orders large arrays by radix exactly as a stable comparison sort: negatives, -0, ties, huge values', () => {
    const r = mulberry32(3);
    const special = [0, -0, -1e300, 1e300, -Number.MIN_VALUE, Number.MIN_VALUE, -Infinity, Infinity];
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i < special.length ? special[i]! : r() < 0.3 ? Math.round(r() * 10) - 5 : (r() - 0.5) * 1e6));
    const expected = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b);
    expect(Array.from(argsortAscending(values))).toEqual(expected);
  });

  it('weightedRocAuc with 0/1 weights is the ordinary ROC-AUC, ties included', () => {
    const r = mulberry32(7);
    const scores = Float64Array.from({ length: 400 }, () => Math.round(r() * 10) / 10);
    const y = Int32Array.from(scores, (s) => (r() < s ? 1 : 0));
    expect(weightedRocAuc(scores, (i) => y[i]!)).toBeCloseTo(rocAuc(y, scores), 12);
    expect(weightedRocAuc(Float64Array.from([0.1, 0.2]), () => 1)).toBeNaN();
  });

  it('isotonic regression pools decreasing neighbours into their mean and clips outside the data', () => {
    const fit = fitIsotonic([0, 1, 2, 3], [0, 1, 0.5, 2]);
    expect(fit).toEqual({ x: [0, 1, 2, 3], y: [0, 0.75, 0.75, 2] });
    expect([-1, 0.5, 2.5, 9].map((v) => predictIsotonic(fit, v))).toEqual([0, 0.375, 1.375, 2]);
  });

  it('ECE is 0 for calibrated bins and the confidence gap otherwise', () => {
    // Bin (0.7, 0.8]: confidence 0.75 and 3 of 4 right; bin (0.9, 1]: confidence 0.95 and 1 of 2 right.
    expect(expectedCalibrationError([1, 1, 1, 0], [0.75, 0.75, 0.75, 0.75])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([1, 1, 1, 0, 1, 0], [0.75, 0.75, 0.75, 0.75, 0.95, 0.95])).toBeCloseTo((2 / 6) * 0.45, 12);
  });
});
