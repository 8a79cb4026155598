import type { FeatureScalar } from '@mlops/core';
import { checkKeyText } from '../errors';

/**
 * The online key of one entity: `customer_id=42`, several keys joined by `&`, values
 * URI-encoded so a `&` or `=` inside a value cannot make two entities collide. Values are
 * compared as text (42 and "42" are the same entity), as in the offline store. A value with a
 * lone UTF-16 surrogate is refused (`EntityKeyError`, bad input) before `encodeURIComponent`
 * would throw a URIError on it.
 */
export function entityKeyOf(joinKeys: readonly string[], values: readonly (FeatureScalar | undefined)[]): string {
  // One integer key (most entities, on every online read): its text needs no check and no encoding.
  const first = values[0];
  if (joinKeys.length === 1 && typeof first === 'number' && Number.isSafeInteger(first)) return `${joinKeys[0]}=${first}`;
  return joinKeys
    .map((k, i) => {
      const text = String(values[i] ?? '');
      checkKeyText(k, text);
      return `${k}=${encodeURIComponent(text)}`;
    })
    .join('&');
}
