import type { FeatureStore } from '@mlops/core';
import { columnsSource, ServingError, toFeeds, type EntityKey, type FeedSpec, type Feeds } from '@mlops/serving';
import { lookupFailure } from './lookupFailure';

/**
 * The model's feeds for entities, read from the online store: the lookup's columns go straight
 * into typed tensors through the shared `toFeeds`, with no row objects in between. A feature the
 * model needs that has no fresh value is an error naming the entity and the feature, unless the
 * input is nullable (the graph imputes it).
 */
export async function lookupFeatures(store: FeatureStore, service: string, entities: EntityKey[], specs: readonly FeedSpec[]): Promise<Feeds> {
  let result;
  try {
    result = await store.getOnlineFeatures({ featureService: service, entities });
  } catch (cause) {
    throw lookupFailure(service, cause);
  }
  for (const spec of specs) {
    if (!result.values[spec.name]) throw new ServingError('feature_lookup_failed', `feature service "${service}" has no feature "${spec.name}", which the model takes; it serves ${result.features.join(', ')}`, spec.name);
  }
  return toFeeds(columnsSource(entities.length, result.values), specs, {
    onMissing: (spec, i) => {
      const status = result.status[spec.name]?.[i] ?? 'missing';
      throw new ServingError('unknown_entity', `entities[${i}]: no online value of "${spec.name}" for ${JSON.stringify(entities[i])} (${status})`, `entities[${i}].${spec.name}`);
    },
  });
}
