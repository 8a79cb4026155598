import { MlopsError, type ErrorCode } from '@mlops/core';

/** Codes of the server's startup and reload errors (request errors are `ServingError`s). */
export const serverErrorCodes = {
  model: 'E_SERVER_MODEL',
  config: 'E_SERVER_CONFIG',
} as const;

export type ServerErrorCode = (typeof serverErrorCodes)[keyof typeof serverErrorCodes];

/** The model cannot be found, read or loaded, or the server is configured inconsistently. */
export class ServerError extends MlopsError {
  constructor(code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    // core's code map is closed; our codes follow its convention, hence the cast.
    super(code as unknown as ErrorCode, message, options);
  }
}
