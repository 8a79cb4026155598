import { logisticRegressionTrainer } from './plugin';

export { logisticRegressionTrainer, linearRegressionTrainer } from './plugin';
export {
  logisticParams,
  linearRegressionParams,
  linearOptions,
  type LogisticParams,
  type LogisticUserParams,
  type LinearRegressionParams,
  type LinearRegressionUserParams,
  type LinearOptions,
} from './config';
export { createLogisticRegressionTrainer } from './createLogisticRegressionTrainer';
export { createLinearRegressionTrainer } from './createLinearRegressionTrainer';
export { fitLogisticRegression } from './fitLogisticRegression';
export { fitLinearRegression } from './fitLinearRegression';
export { LinearModel } from './LinearModel';
export type { LinearTrainer } from './LinearTrainer';
export type { LinearModelData } from './LinearModelData';
export { loadLinearModel } from './loadLinearModel';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './lib/lbfgs';
export { LinearError, linearErrorCodes, type LinearErrorCode } from './errors';

/**
 * The package's plugins, chosen by token: only the logistic trainer, since both provide
 * `tokens.trainer`. For regression use the named export:
 * `import { linearRegressionTrainer } from '@mlops/trainer-linear'` then
 * `plugins: { trainer: linearRegressionTrainer }`.
 */
export default [logisticRegressionTrainer];
