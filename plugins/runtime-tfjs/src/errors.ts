import { MlopsError, type ErrorCode } from '@mlops/core';

/** Codes of this plugin's errors. */
export const tfjsRuntimeErrorCodes = {
  backend: 'E_TFJS_RUNTIME_BACKEND',
  bundle: 'E_TFJS_RUNTIME_BUNDLE',
  run: 'E_TFJS_RUNTIME_RUN',
  released: 'E_TFJS_RUNTIME_RELEASED',
} as const;

export type TfjsRuntimeErrorCode = (typeof tfjsRuntimeErrorCodes)[keyof typeof tfjsRuntimeErrorCodes];

/** A backend that cannot start, bytes that are not a tfjs serving bundle, a bad feed, or a run after release. */
export class TfjsRuntimeError extends MlopsError {
  constructor(code: TfjsRuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    // core's code map is closed; our codes follow its convention, hence the cast.
    super(code as unknown as ErrorCode, message, options);
  }
}
