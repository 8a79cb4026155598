import { classificationReport } from './classificationReport';

describe('classificationReport', () => {
  it('reports every metric together and warns about the minority class', () => {
    // 9 negatives, 1 positive ("fraud"), which the model ranks highest but never predicts.
    const yTrue = Int32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    const p1 = [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.2, 0.3, 0.1, 0.4];
    const proba = Float64Array.from(p1.flatMap((p) => [1 - p, p]));
    const report = classificationReport({ yTrue, proba, classes: ['ok', 'fraud'] });
    expect(report.task).toBe('binary');
    expect(report.accuracy).toBe(0.9);
    expect(report.rocAuc).toBe(1);
    expect(report.averagePrecision).toBe(1);
    expect(report.perClass.fraud).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.classCounts).toEqual({ ok: 9, fraud: 1 });
    expect(report.confusionMatrix).toEqual([[9, 0], [1, 0]]);
    expect(report.logLoss).toBeGreaterThan(0);
    expect(report.warnings).toEqual([
      'imbalanced classes: "fraud" is 10.0% of rows (1 of 10, under 20%); accuracy alone is misleading, read macro F1, its recall and average precision',
      'class "fraud" is never predicted: its precision is 0 by convention (zero_division=0)',
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports null (with the reason) for metrics undefined on the data', () => {
    const report = classificationReport({ yTrue: Int32Array.of(0, 0, 1), proba: Float64Array.of(0.6, 0.3, 0.1, 0.5, 0.4, 0.1, 0.2, 0.7, 0.1), classes: ['a', 'b', 'c'] });
    expect(report.task).toBe('multiclass');
    expect(report.rocAuc).toBeNull();
    expect(report.averagePrecision).toBeNull();
    expect(report.warnings).toContain('class "c" has no rows in yTrue: its recall and F1 are 0 by convention');
  });

  it('raises no imbalance warning for ten balanced classes', () => {
    const yTrue = Int32Array.from({ length: 20 }, (_, i) => i % 10);
    const classes = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(classificationReport({ yTrue, yPred: yTrue, classes }).warnings).toEqual([
      'no probabilities: rocAuc, averagePrecision and logLoss are null',
    ]);
  });
});
