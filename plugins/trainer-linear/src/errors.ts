import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
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
export class LinearError extends MlopsError<LinearErrorCode> {}
