import { Frame, categoryColumn, float64Column } from '@mlops/frame';
import { evaluateModel, type EvaluableModel } from './evaluateModel';
import type { ClassificationReport } from './types/ClassificationReport';
import type { RegressionReport } from './types/RegressionReport';

const frame = Frame.fromColumns({
  x: float64Column(Float64Array.of(0.1, 0.9, 0.8, 0.2)),
  // Dictionary order differs from the model's classes on purpose: labels are matched by text.
  label: categoryColumn(Int32Array.of(0, 1, 1, 0), ['no', 'yes']),
  amount: float64Column(Float64Array.of(1, 2, 3, 4)),
});

describe('evaluateModel', () => {
  it('maps category labels to model.classes and builds a classification report', () => {
    const model: EvaluableModel = {
      task: 'binary',
      classes: ['yes', 'no'],
      predict: (f) => Float64Array.from(f.column('x').data as Float64Array, (x) => (x > 0.5 ? 0 : 1)),
      predictProba: (f) => Float64Array.from(Array.from(f.column('x').data as Float64Array).flatMap((x) => [x, 1 - x])),
    };
    const report = evaluateModel(model, frame, 'label') as ClassificationReport;
    expect(report.accuracy).toBe(1);
    expect(report.classCounts).toEqual({ yes: 2, no: 2 });
    expect(report.rocAuc).toBe(1);
  });

  it('builds a regression report from a numeric target', () => {
    const model: EvaluableModel = { task: 'regression', predict: () => Float64Array.of(1, 2, 3, 5) };
    const report = evaluateModel(model, frame, 'amount') as RegressionReport;
    expect(report).toMatchObject({ task: 'regression', rows: 4, rmse: 0.5, mae: 0.25 });
  });

  it('names a label the model does not know', () => {
    const model: EvaluableModel = { task: 'binary', classes: ['yes', 'maybe'], predict: () => new Float64Array(4) };
    expect(() => evaluateModel(model, frame, 'label')).toThrow('label: label "no" is not one of the model\'s classes ["yes", "maybe"]');
  });
});
