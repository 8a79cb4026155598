import { errorCodes, MlopsError, type ErrorCode } from '@mlops/core';

/**
 * A registry call was refused because of its input (a gated alias, a missing reason, an unknown
 * digest). Unknown models and versions are core's `NotFoundError` instead.
 */
export class RegistryError extends MlopsError {
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    const code = options?.code ?? errorCodes.usage;
    // Only the default usage code is the caller's input; another code (a missing artifact) is not.
    super(code, message, { cause: options?.cause, badInput: code === errorCodes.usage });
  }
}
