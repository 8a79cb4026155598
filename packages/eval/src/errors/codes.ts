/** Error codes raised by @mlops/eval, `E_` prefixed like every mlops code. */
export const evalErrorCodes = {
  invalidArgument: 'E_EVAL_INVALID_ARGUMENT',
  undefinedMetric: 'E_EVAL_UNDEFINED_METRIC',
  invalidColumn: 'E_EVAL_INVALID_COLUMN',
} as const;

/** One of the codes above. */
export type EvalErrorCode = (typeof evalErrorCodes)[keyof typeof evalErrorCodes];
