import { logisticParams } from './config';
import { fitLogisticRegression } from './fitLogisticRegression';
import type { LinearTrainer } from './LinearTrainer';
import { loadLinearModel } from './loadLinearModel';
import { resolveParams } from './lib/resolveParams';

/** A `Trainer` of L2 logistic regression; `defaults` are params applied before each call's own. */
export function createLogisticRegressionTrainer(defaults: Record<string, unknown> = {}): LinearTrainer {
  resolveParams(logisticParams, 'logistic regression', {}, defaults);
  return {
    kind: 'logistic-regression',
    fit: async (frame, target, params, options) => fitLogisticRegression(frame, target, resolveParams(logisticParams, 'logistic regression', params, defaults), options),
    load: (data) => loadLinearModel(data, 'logistic-regression'),
  };
}
