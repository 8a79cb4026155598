import { MlopsError, type ErrorCode } from '@mlops/core';

/** Codes of this plugin's errors (`E_` prefix like core's, so the CLI treats them alike). */
export const linearErrorCodes = {
  params: 'E_LINEAR_PARAMS',
  data: 'E_LINEAR_DATA',
  model: 'E_LINEAR_MODEL',
  solve: 'E_LINEAR_SOLVE',
  aborted: 'E_LINEAR_ABORTED',
} as const;

/** One of the codes above. */
export type LinearErrorCode = (typeof linearErrorCodes)[keyof typeof linearErrorCodes];

/** Every error of the linear trainers: bad params, unusable data, a malformed model JSON, a singular system, an abort. */
export class LinearError extends MlopsError {
  constructor(code: LinearErrorCode, message: string, options?: { cause?: unknown }) {
    // core's code map is closed; our codes follow its convention, hence the cast.
    super(code as unknown as ErrorCode, message, options);
  }
}
