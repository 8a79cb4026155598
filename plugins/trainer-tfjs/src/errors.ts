import { MlopsError, type ErrorCode } from '@mlops/core';

/** Codes of this plugin's errors (`E_` prefix like core's, so the CLI treats them alike). */
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
export class TfjsError extends MlopsError {
  constructor(code: TfjsErrorCode, message: string, options?: { cause?: unknown }) {
    // core's code map is closed; our codes follow its convention, hence the cast.
    super(code as unknown as ErrorCode, message, options);
  }
}
