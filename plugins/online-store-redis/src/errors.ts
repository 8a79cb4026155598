import { errorCodes, MlopsError, StorageError } from '@mlops/core';

/** Redis cannot be reached (refused, timed out, reconnecting); the call failed without waiting. */
export class RedisUnavailableError extends StorageError {
  constructor(
    /** The server's URL without credentials. */
    readonly url: string,
    readonly operation: string,
    cause: unknown,
  ) {
    super(`online store (Redis at ${url}) is unavailable: ${operation} failed: ${(cause as Error)?.message ?? String(cause)}; reads and writes fail until Redis is back, then recover on their own`, { cause });
  }
}

/** A write or read was given input the store cannot handle; nothing of that call was written. */
export class OnlineStoreInputError extends MlopsError {
  constructor(
    readonly view: string,
    readonly field: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(errorCodes.usage, `online store (Redis) view "${view}": ${field}: expected ${expected}, received ${received}`, { badInput: true });
  }
}
