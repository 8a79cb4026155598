import { MlopsError, type ErrorCode } from '@mlops/core';

/** Codes of this plugin's errors (`E_` prefix like core's, so the CLI treats them alike). */
export const gbdtErrorCodes = {
  params: 'E_GBDT_PARAMS',
  data: 'E_GBDT_DATA',
  model: 'E_GBDT_MODEL',
  aborted: 'E_GBDT_ABORTED',
} as const;

/** One of the codes above. */
export type GbdtErrorCode = (typeof gbdtErrorCodes)[keyof typeof gbdtErrorCodes];

/** Every error the GBDT trainer throws: bad params, unusable data, a malformed model JSON, an abort. */
export class GbdtError extends MlopsError {
  constructor(code: GbdtErrorCode, message: string, options?: { cause?: unknown }) {
    // core's code map is closed; our codes follow its convention, hence the cast.
    super(code as unknown as ErrorCode, message, options);
  }
}
