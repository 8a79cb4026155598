import type { FeatureScalar } from '@mlops/core';
import type { OnDemandFeature } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';

/**
 * Runs an on-demand feature on one input row: the one code path for training sets and serving.
 * Missing outputs are null; an output of the wrong type is an error naming the feature.
 */
export function runOnDemand(feature: OnDemandFeature, input: Readonly<Record<string, FeatureScalar>>): Record<string, FeatureScalar> {
  let result: Record<string, unknown>;
  try {
    result = (feature.fn(input) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new FeatureStoreUsageError(`on-demand feature "${feature.name}" threw: ${(error as Error).message}`);
  }
  const out: Record<string, FeatureScalar> = {};
  for (const [name, type] of Object.entries(feature.outputs)) {
    const value = result[name];
    if (value === null || value === undefined) out[name] = null;
    else if ((type === 'float' || type === 'int') && typeof value === 'number' && (type === 'float' || Number.isInteger(value))) out[name] = value;
    else if (type === 'string' && typeof value === 'string') out[name] = value;
    else if (type === 'bool' && typeof value === 'boolean') out[name] = value;
    else throw new FeatureStoreUsageError(`on-demand feature "${feature.name}": output ${name}: expected a ${type}, received ${JSON.stringify(value)}`);
  }
  return out;
}
