import { MlopsError } from '@mlops/core';

/** Codes of the monitor's performance functions. */
export const performanceErrorCodes = {
  /** The caller's input cannot give a metric (no rows, no class of the reference, wrong signature). */
  input: 'E_MONITOR_PERFORMANCE_INPUT',
  /** The logged outputs do not have the columns the signature says (a model logged with another layout). */
  log: 'E_MONITOR_PERFORMANCE_LOG',
} as const;

type PerformanceErrorCode = (typeof performanceErrorCodes)[keyof typeof performanceErrorCodes];

/** A performance computation that cannot be done, saying why; `badInput` when the caller's arguments are the cause. */
export class PerformanceError extends MlopsError<PerformanceErrorCode> {
  constructor(code: PerformanceErrorCode, message: string) {
    super(code, message, { badInput: code === performanceErrorCodes.input });
  }
}

/** Shorthand for the common case: the caller's input. */
export const inputError = (message: string) => new PerformanceError(performanceErrorCodes.input, message);
export const logError = (message: string) => new PerformanceError(performanceErrorCodes.log, message);
