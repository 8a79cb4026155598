import type { TensorValue } from '@mlops/core';

/** A value a client may send for one feature. */
export type FeatureValue = number | string | boolean | null;

/** One row of raw feature values, by input name. */
export type FeatureRow = Record<string, FeatureValue>;

/** Entity join keys, e.g. `{ customer_id: 42 }`, for feature lookup. */
export type EntityKey = Record<string, string | number>;

/**
 * A validated `/predict` body: rows of features, or entities whose features the server looks up.
 * `feeds`: the rows already as the model's feed columns, when the caller passed its feed specs.
 */
export type PredictRequest = { kind: 'rows'; rows: FeatureRow[]; feeds?: Record<string, TensorValue> } | { kind: 'entities'; entities: EntityKey[] };

/** One answer of a classifier (`label`, `probabilities` by class) or of a regressor (`value`). */
export type Prediction = { label: string; probabilities: Record<string, number> } | { value: number };

/** The `/predict` response body. */
export interface PredictResponse {
  predictions: Prediction[];
}
