import type { FeatureScalar } from '@mlops/core';

// Strings carry a tag character (so "42" stays a string); booleans are one character; numbers are
// stored bare, as they are the bulk of features and decoding them is the hot path of a read.
const STRING = 115; // 's'
const TRUE = 116; // 't'
const FALSE = 102; // 'f'

/**
 * Encodes a non-null scalar as a hash field value. Numbers use JS's shortest round-trip form, so
 * every finite double reads back exactly (negative zero becomes 0, as in JSON); that form always
 * starts with a digit or `-`, never with a tag.
 */
export function encodeFeature(value: string | number | boolean): string {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return value === 0 ? '0' : String(value);
  return value ? 't' : 'f';
}

/** Decodes a hash field value; a missing field (null) is a null feature. */
export function decodeFeature(encoded: string | null): FeatureScalar {
  if (encoded === null) return null;
  const tag = encoded.charCodeAt(0);
  if (tag === STRING) return encoded.slice(1);
  if (tag === TRUE && encoded.length === 1) return true;
  if (tag === FALSE && encoded.length === 1) return false;
  const number = +encoded;
  if (encoded.length === 0 || number !== number) {
    throw new Error(`online store (Redis): unreadable feature value ${JSON.stringify(encoded.slice(0, 40))}: expected a value written by @mlops/online-store-redis`);
  }
  return number;
}
