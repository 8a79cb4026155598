import type { FeatureScalar } from '@mlops/core';

/**
 * The online key of one entity: `customer_id=42`, several keys joined by `&`, values
 * URI-encoded so a `&` or `=` inside a value cannot make two entities collide. Values are
 * compared as text (42 and "42" are the same entity), as in the offline store.
 */
export function entityKeyOf(joinKeys: readonly string[], values: readonly (FeatureScalar | undefined)[]): string {
  return joinKeys.map((k, i) => `${k}=${encodeURIComponent(String(values[i] ?? ''))}`).join('&');
}
