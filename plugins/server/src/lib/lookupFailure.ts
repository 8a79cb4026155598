import { isMlopsError } from '@mlops/core';
import { ServingError } from '@mlops/serving';

/**
 * What a failed online lookup means for the client: input the store refuses as bad (`badInput`,
 * e.g. an entity key it cannot encode) is a 422 `invalid_value` naming the store's field; anything
 * else (the store is down, misconfigured) is a 502 `feature_lookup_failed`.
 */
export function lookupFailure(service: string, cause: unknown): ServingError {
  if (isMlopsError(cause) && cause.badInput) {
    return new ServingError('invalid_value', `entities: the feature store refused the request: ${cause.message}`, 'entities', { cause });
  }
  return new ServingError('feature_lookup_failed', `online features of "${service}" could not be read: ${(cause as Error)?.message ?? String(cause)}`, null, { cause });
}
