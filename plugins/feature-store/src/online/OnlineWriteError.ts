import { errorCodes, MlopsError } from '@mlops/core';

/** A write to the online store was given rows it cannot store; nothing of that call was written. */
export class OnlineWriteError extends MlopsError<typeof errorCodes.usage> {
  declare readonly expected: string;
  declare readonly received: string;

  constructor(
    readonly view: string,
    readonly field: string,
    expected: string,
    received: string,
  ) {
    super(errorCodes.usage, `online store write to view "${view}": ${field}: expected ${expected}, received ${received}`, { path: field, expected, received, badInput: true });
  }
}
