import type { FeatureStore, ModelSignature } from '@mlops/core';
import { ServingError, type EntityKey, type FeatureRow } from '@mlops/serving';
import { lookupFailure } from './lookupFailure';

/**
 * Rows of model inputs for entities, read from the online store. A feature the model needs that
 * has no fresh value is an error naming the entity and the feature, unless the input is nullable
 * (the graph imputes it). The transforms are inside the ONNX graph, so raw values are what it takes.
 */
export async function lookupFeatures(store: FeatureStore, service: string, entities: EntityKey[], signature: ModelSignature): Promise<FeatureRow[]> {
  let result;
  try {
    result = await store.getOnlineFeatures({ featureService: service, entities });
  } catch (cause) {
    throw lookupFailure(service, cause);
  }
  const rows: FeatureRow[] = entities.map(() => ({}));
  for (const input of signature.inputs) {
    const values = result.values[input.name];
    if (!values) throw new ServingError('feature_lookup_failed', `feature service "${service}" has no feature "${input.name}", which the model takes; it serves ${result.features.join(', ')}`, input.name);
    for (let i = 0; i < entities.length; i++) {
      const v = values[i] ?? null;
      if (v === null && !input.nullable) {
        const status = result.status[input.name]?.[i] ?? 'missing';
        throw new ServingError('unknown_entity', `entities[${i}]: no online value of "${input.name}" for ${JSON.stringify(entities[i])} (${status})`, `entities[${i}].${input.name}`);
      }
      rows[i]![input.name] = v;
    }
  }
  return rows;
}
