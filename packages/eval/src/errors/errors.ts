import { evalErrorCodes } from './codes';
import { EvalError } from './EvalError';

/** An argument is out of its domain (a fraction above 1, arrays of different lengths, ...). */
export class InvalidArgumentError extends EvalError {
  constructor(message: string) {
    super(evalErrorCodes.invalidArgument, message);
  }
}

/** A metric has no value for these inputs (ROC-AUC with one class only, a mean over no rows). */
export class UndefinedMetricError extends EvalError {
  constructor(
    readonly metric: string,
    message: string,
  ) {
    super(evalErrorCodes.undefinedMetric, message);
  }
}

/** A frame column cannot serve as asked (nulls in a time column, a label unknown to the model). */
export class InvalidColumnError extends EvalError {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(evalErrorCodes.invalidColumn, message);
  }
}
