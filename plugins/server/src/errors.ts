import { MlopsError } from '@mlops/core';

/** Codes of the server's startup and reload errors (request errors are `ServingError`s). */
export const serverErrorCodes = {
  model: 'E_SERVER_MODEL',
  config: 'E_SERVER_CONFIG',
} as const;

export type ServerErrorCode = (typeof serverErrorCodes)[keyof typeof serverErrorCodes];

/**
 * The model cannot be found, read or loaded, or the server is configured inconsistently (the
 * `config` ones are thrown with `badInput`: the config or the command line is the user's to fix).
 */
export class ServerError extends MlopsError<ServerErrorCode> {}
