import { definePlugin, tokens } from '@mlops/core';
import { linearOptions } from './config';
import { createLinearRegressionTrainer } from './createLinearRegressionTrainer';
import { createLogisticRegressionTrainer } from './createLogisticRegressionTrainer';

/** Plugin: provides `tokens.trainer` with L2 logistic regression; options = default params. */
export const logisticRegressionTrainer = definePlugin({
  name: 'trainer-logistic',
  provides: tokens.trainer,
  options: linearOptions,
  create: (ctx) => createLogisticRegressionTrainer(ctx.options),
});

/**
 * Plugin: provides `tokens.trainer` with least squares / ridge regression. Both plugins provide
 * the same token, so the package's default export lists only the logistic one; pick this one by
 * name in the config: `plugins: { trainer: linearRegressionTrainer }`.
 */
export const linearRegressionTrainer = definePlugin({
  name: 'trainer-linear-regression',
  provides: tokens.trainer,
  options: linearOptions,
  create: (ctx) => createLinearRegressionTrainer(ctx.options),
});
