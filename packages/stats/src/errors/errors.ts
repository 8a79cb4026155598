import { statsErrorCodes } from './codes';
import { messages } from './messages';
import { StatsError } from './StatsError';

/** An argument is out of its domain (a probability above 1, a negative bin count, ...). */
export class InvalidArgumentError extends StatsError {
  constructor(message: string) {
    super(statsErrorCodes.invalidArgument, message);
  }
}

/** A statistic was asked of a column whose dtype it does not apply to (e.g. IQR of a category). */
export class UnsupportedDTypeError extends StatsError {
  constructor(
    readonly operation: string,
    readonly dtype: string,
    /** The dtypes `operation` accepts (the base's `expected` says it in words). */
    readonly expectedDTypes: readonly string[],
  ) {
    super(statsErrorCodes.unsupportedDType, messages.unsupportedDType(operation, dtype, expectedDTypes), { expected: `a ${expectedDTypes.join(' or ')} column`, received: `a ${dtype} column` });
  }
}
