import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
export const gbdtErrorCodes = {
  params: 'E_GBDT_PARAMS',
  data: 'E_GBDT_DATA',
  model: 'E_GBDT_MODEL',
  aborted: 'E_GBDT_ABORTED',
} as const;

/** One of the codes above. */
export type GbdtErrorCode = (typeof gbdtErrorCodes)[keyof typeof gbdtErrorCodes];

/** Every error the GBDT trainer throws: bad params, unusable data, a malformed model JSON, an abort. */
export class GbdtError extends MlopsError<GbdtErrorCode> {}
