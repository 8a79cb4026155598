import { errorCodes, MlopsError } from '@mlops/core';

/**
 * Bad input to batch inference (a missing column, an unparsable value, a checkpoint that belongs to
 * another job): the user must change something, so it carries the usage code (CLI exit 2).
 */
export class BatchInputError extends MlopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(errorCodes.usage, message, { cause: options?.cause, badInput: true });
  }
}
