import { MlopsError } from '@mlops/core';

/** Codes of this plugin's errors. */
export const tfjsRuntimeErrorCodes = {
  bundle: 'E_TFJS_RUNTIME_BUNDLE',
  run: 'E_TFJS_RUNTIME_RUN',
  released: 'E_TFJS_RUNTIME_RELEASED',
} as const;

export type TfjsRuntimeErrorCode = (typeof tfjsRuntimeErrorCodes)[keyof typeof tfjsRuntimeErrorCodes];

/** Bytes that are not a tfjs serving bundle, a bad feed, or a run after release (a backend that cannot start is @mlops/tfjs-backend's TfjsBackendError). */
export class TfjsRuntimeError extends MlopsError<TfjsRuntimeErrorCode> {}
