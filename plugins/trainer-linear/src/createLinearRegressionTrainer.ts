import type { FitOptions, Json, Trainer } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { linearRegressionParams } from './config';
import { fitLinearRegression } from './fitLinearRegression';
import type { LinearModel } from './LinearModel';
import { loadLinearModel } from './loadLinearModel';
import { resolveParams } from './lib/resolveParams';

/** A `Trainer` of least squares / ridge regression; `defaults` are params applied before each call's own. */
export function createLinearRegressionTrainer(defaults: Record<string, unknown> = {}): Trainer & {
  fit(frame: Frame, target: string, params?: unknown, options?: FitOptions): Promise<LinearModel>;
  load(data: Json): LinearModel;
} {
  resolveParams(linearRegressionParams, 'linear regression', {}, defaults);
  return {
    kind: 'linear-regression',
    fit: async (frame, target, params, options) => fitLinearRegression(frame, target, resolveParams(linearRegressionParams, 'linear regression', params, defaults), options),
    load: (data) => loadLinearModel(data, 'linear-regression'),
  };
}
