import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
export const tfjsErrorCodes = {
  params: 'E_TFJS_PARAMS',
  data: 'E_TFJS_DATA',
  model: 'E_TFJS_MODEL',
  backend: 'E_TFJS_BACKEND',
  aborted: 'E_TFJS_ABORTED',
} as const;

/** One of the codes above. */
export type TfjsErrorCode = (typeof tfjsErrorCodes)[keyof typeof tfjsErrorCodes];

/** Every error of the tfjs trainer: bad params, unusable data, a malformed model JSON, a backend that will not start, an abort. */
export class TfjsError extends MlopsError<TfjsErrorCode> {}
