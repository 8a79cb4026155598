import { errorCodes, MlopsError, type ErrorCode } from '@mlops/core';

/**
 * A registry call was refused because of its input (a gated alias, a missing reason, an unknown
 * digest). Unknown models and versions are core's `NotFoundError` instead.
 */
export class RegistryError extends MlopsError {
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? errorCodes.usage, message, options);
  }
}
