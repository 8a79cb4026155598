export type { Split } from './split/Split';
export { timeSplit } from './split/timeSplit';
export type { TimeSplit, TimeSplitOptions } from './split/timeSplit';
export { randomSplit } from './split/randomSplit';
export type { RandomSplitOptions } from './split/randomSplit';
export { stratifiedSplit } from './split/stratifiedSplit';
export type { StratifiedSplitOptions } from './split/stratifiedSplit';
export { kFold } from './split/kFold';
export type { KFoldOptions } from './split/kFold';
export { stratifiedKFold } from './split/stratifiedKFold';
export type { StratifiedKFoldOptions } from './split/stratifiedKFold';
export { mulberry32 } from './random/mulberry32';

export { accuracy } from './metrics/classification/accuracy';
export { confusionMatrix } from './metrics/classification/confusionMatrix';
export { precisionRecallF1 } from './metrics/classification/precisionRecallF1';
export type { PrecisionRecallF1, PrfScores } from './metrics/classification/precisionRecallF1';
export { rocAuc } from './metrics/classification/rocAuc';
export { rocAucOvr } from './metrics/classification/rocAucOvr';
export { averagePrecision } from './metrics/classification/averagePrecision';
export { logLoss } from './metrics/classification/logLoss';
export { probaColumn } from './metrics/classification/probaColumn';
export { rmse } from './metrics/regression/rmse';
export { mae } from './metrics/regression/mae';
export { r2 } from './metrics/regression/r2';

export { classificationReport } from './report/classificationReport';
export type { ClassificationInput } from './report/classificationReport';
export type { ClassificationReport } from './report/types/ClassificationReport';
export { regressionReport } from './report/regressionReport';
export type { RegressionInput } from './report/regressionReport';
export type { RegressionReport } from './report/types/RegressionReport';
export { evaluateModel } from './report/evaluateModel';
export type { EvaluableModel } from './report/evaluateModel';

export { EvalError } from './errors/EvalError';
export { evalErrorCodes } from './errors/codes';
export type { EvalErrorCode } from './errors/codes';
export { InvalidArgumentError, InvalidColumnError, UndefinedMetricError } from './errors/errors';
