import type { FeatureScalar } from '@mlops/core';
import type { FeatureType } from '../definitions/types';

/** A driver value as a feature value of `type`: SQLite booleans are 0/1, pg bigints strings. */
export function toScalar(type: FeatureType, value: unknown): FeatureScalar {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'float':
    case 'int':
      return typeof value === 'number' ? value : Number(value);
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case 'string':
      return String(value);
  }
}
