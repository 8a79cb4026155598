import { linearRegressionParams } from './config';
import { fitLinearRegression } from './fitLinearRegression';
import type { LinearTrainer } from './LinearTrainer';
import { loadLinearModel } from './loadLinearModel';
import { resolveParams } from './lib/resolveParams';

/** A `Trainer` of least squares / ridge regression; `defaults` are params applied before each call's own. */
export function createLinearRegressionTrainer(defaults: Record<string, unknown> = {}): LinearTrainer {
  resolveParams(linearRegressionParams, 'linear regression', {}, defaults);
  return {
    kind: 'linear-regression',
    fit: async (frame, target, params, options) => fitLinearRegression(frame, target, resolveParams(linearRegressionParams, 'linear regression', params, defaults), options),
    load: (data) => loadLinearModel(data, 'linear-regression'),
  };
}
