import type { FeatureScalar } from '@mlops/core';

// One tag character, then the payload: a string that looks like a number stays a string.
const STRING = 115; // 's'
const NUMBER = 110; // 'n'
const TRUE = 't';
const FALSE = 'f';

/**
 * Encodes a non-null scalar as a hash field value. Numbers use JS's shortest round-trip form, so
 * every finite double reads back exactly (negative zero becomes 0, as in JSON).
 */
export function encodeFeature(value: string | number | boolean): string {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return `n${value === 0 ? 0 : value}`;
  return value ? TRUE : FALSE;
}

/** Decodes a hash field value; a missing field (null) is a null feature. */
export function decodeFeature(encoded: string | null): FeatureScalar {
  if (encoded === null) return null;
  const tag = encoded.charCodeAt(0);
  if (tag === STRING) return encoded.slice(1);
  if (tag === NUMBER) return Number(encoded.slice(1));
  if (encoded === TRUE) return true;
  if (encoded === FALSE) return false;
  throw new Error(`online store (Redis): unreadable feature value ${JSON.stringify(encoded.slice(0, 40))}: expected a value written by @mlops/online-store-redis`);
}
