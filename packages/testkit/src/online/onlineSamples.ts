import { randomBytes } from 'node:crypto';
import type { FeatureScalar, OnlineFeatureRow } from '@mlops/core';

/** A short random id part, so tests sharing one store never collide. */
export const uid = () => randomBytes(6).toString('hex');

/** A fresh view name per test: tests in one group share a store but never a view. */
export const viewName = (label: string) => `${label}_${uid()}`;

/** An event time well inside the epoch-ms range, so offsets stay exact. */
export const t0 = 1_750_000_000_000;

/** One row of `view` for `entityKey`. */
export function row(entityKey: string, eventTimestamp: number, values: Record<string, FeatureScalar>): OnlineFeatureRow {
  return { entityKey, eventTimestamp, values };
}

/**
 * Values that must come back exactly as written, including the ones a careless encoding breaks:
 * strings that look like numbers, booleans or null; empty strings; unicode outside the BMP; NUL.
 */
export const scalarSamples: Record<string, FeatureScalar> = {
  int: 42,
  negative: -17,
  zero: 0,
  fraction: 0.1 + 0.2,
  tiny: Number.MIN_VALUE,
  huge: Number.MAX_VALUE,
  negTiny: -1e-300,
  bigExp: 1e21,
  maxSafe: Number.MAX_SAFE_INTEGER,
  text: 'hello',
  empty: '',
  looksNumeric: '42',
  looksBoolean: 'true',
  looksNull: 'null',
  looksJson: '{"a":[1,2]}',
  quotes: `it's "quoted" \\ backslash`,
  unicode: 'Größe ✓ 日本語 עברית 🚀👩‍👩‍👧',
  controls: 'line1\nline2\ttab\u0000nul',
  yes: true,
  no: false,
  missing: null,
  'feature with spaces': 1,
  'naïve_ü': 'é',
};
