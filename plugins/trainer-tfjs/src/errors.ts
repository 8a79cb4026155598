import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
export const tfjsErrorCodes = {
  params: 'E_TFJS_PARAMS',
  data: 'E_TFJS_DATA',
  model: 'E_TFJS_MODEL',
  aborted: 'E_TFJS_ABORTED',
} as const;

/** One of the codes above. */
export type TfjsErrorCode = (typeof tfjsErrorCodes)[keyof typeof tfjsErrorCodes];

/** Every error of the tfjs trainer: bad params, unusable data, a malformed model JSON, an abort (a backend that will not start is @mlops/tfjs-backend's TfjsBackendError). */
export class TfjsError extends MlopsError<TfjsErrorCode> {}
