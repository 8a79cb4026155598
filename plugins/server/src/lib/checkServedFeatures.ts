import { describeCoverage, featureCoverage, type FeatureStore } from '@mlops/core';
import { ServerError, serverErrorCodes } from '../errors';
import type { ServedModel } from './ServedModel';

/**
 * Refuses a model whose feature service (from its registry version, or the server option) does not
 * cover its signature in the applied feature definitions: each input must be an output column of a
 * compatible type. Runs when a model loads, at start and on every hot reload, so a mismatch stops
 * the model from becoming ready (or from replacing the served one) instead of failing every request.
 */
export async function checkServedFeatures(model: ServedModel, store: FeatureStore | undefined): Promise<void> {
  const features = model.features;
  if (!features || !store) return;
  const { info } = model;
  const name = `${info.name}${info.version === null ? '' : ` v${info.version}`}`;
  let described;
  try {
    described = await store.describeService(features.service);
  } catch (cause) {
    throw new ServerError(serverErrorCodes.model, `${name}: cannot read feature service "${features.service}": ${(cause as Error).message}`, { cause });
  }
  const gap = featureCoverage(described.columns, info.signature);
  if (gap.missing.length || gap.mistyped.length) {
    throw new ServerError(serverErrorCodes.model, `${name} cannot be served from feature service "${features.service}" (applied definitions v${described.version}): ${describeCoverage(gap)}`);
  }
  const keys = described.entityKeys.filter((k) => !features.entityKeys.includes(k));
  if (keys.length) throw new ServerError(serverErrorCodes.model, `${name}: feature service "${features.service}" joins on ${described.entityKeys.join(', ')}, but entities would carry ${features.entityKeys.join(', ')}; missing ${keys.join(', ')}`);
}
