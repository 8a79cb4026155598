import { isMlopsError } from '@mlops/errors';
import { Frame, float64Column } from '@mlops/frame';
import { rocAuc } from '../metrics/classification/rocAuc';
import { timeSplit } from '../split/timeSplit';
import { evalErrorCodes } from './codes';
import { EvalError } from './EvalError';
import { UndefinedMetricError } from './errors';

describe('errors', () => {
  it('carry a stable code, the metric name and plain JSON', () => {
    let caught: unknown;
    try {
      rocAuc(Int32Array.of(0, 0), Float64Array.of(0.1, 0.2));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvalError);
    expect(isMlopsError(caught)).toBe(true);
    expect((caught as UndefinedMetricError).metric).toBe('rocAuc');
    expect((caught as EvalError).toJSON()).toEqual({
      name: 'UndefinedMetricError',
      code: evalErrorCodes.undefinedMetric,
      message: 'rocAuc is undefined when yTrue holds only class 0: it needs both positives and negatives',
    });
  });

  it('timeSplit options need a fraction or a cutoff, in types and at run time', () => {
    const frame = Frame.fromColumns({ t: float64Column(Float64Array.of(1, 2)) });
    // @ts-expect-error neither testFraction nor cutoff
    expect(() => timeSplit(frame, 't', {})).toThrow('timeSplit: expected { testFraction } or { cutoff }, received neither');
  });
});
