import type { FitOptions, Json, Trainer } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { logisticParams } from './config';
import { fitLogisticRegression } from './fitLogisticRegression';
import type { LinearModel } from './LinearModel';
import { loadLinearModel } from './loadLinearModel';
import { resolveParams } from './lib/resolveParams';

/** A `Trainer` of L2 logistic regression; `defaults` are params applied before each call's own. */
export function createLogisticRegressionTrainer(defaults: Record<string, unknown> = {}): Trainer & {
  fit(frame: Frame, target: string, params?: unknown, options?: FitOptions): Promise<LinearModel>;
  load(data: Json): LinearModel;
} {
  resolveParams(logisticParams, 'logistic regression', {}, defaults);
  return {
    kind: 'logistic-regression',
    fit: async (frame, target, params, options) => fitLogisticRegression(frame, target, resolveParams(logisticParams, 'logistic regression', params, defaults), options),
    load: (data) => loadLinearModel(data, 'logistic-regression'),
  };
}
