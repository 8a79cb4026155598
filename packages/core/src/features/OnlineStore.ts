import type { Lifecycle } from '../plugins/Lifecycle';

/** A feature value as stored online: typed by the view's definition, null when missing. */
export type FeatureScalar = number | string | boolean | null;

/** The latest values of one feature view for one entity. */
export interface OnlineFeatureRow {
  /** Serialized join key(s) of the entity, e.g. `customer_id=42` (the feature store builds it). */
  entityKey: string;
  values: Record<string, FeatureScalar>;
  /** Event time of these values (epoch ms): freshness and TTL are measured from it. */
  eventTimestamp: number;
}

/** What a read returns for one entity that has values. */
export interface OnlineReadResult {
  values: Record<string, FeatureScalar>;
  eventTimestamp: number;
  /** When materialization wrote it (epoch ms). */
  writtenAt: number;
}

/** What a columnar read returns: per feature one value per entity key, and the event times. */
export interface OnlineReadColumns {
  /** `values[feature][i]`: the value for key i, null when absent or when nothing is stored for it. */
  values: Record<string, FeatureScalar[]>;
  /** Event time per key (epoch ms); NaN for a key with nothing stored. */
  eventTimestamp: Float64Array;
}

/**
 * Key-value store of the latest feature values per (view, entity), read at serving time. The
 * feature store decides what is expired (TTL from the event time); the online store only keeps
 * what it is given and may drop keys after `expireAfterMs` to bound its size.
 */
export interface OnlineStore extends Lifecycle {
  /**
   * Writes rows of one view. Idempotent and monotonic: a row whose `eventTimestamp` is older than
   * the stored one for the same entity is ignored, so re-running a materialization is harmless.
   */
  write(view: string, rows: readonly OnlineFeatureRow[], options?: { expireAfterMs?: number | null }): Promise<void>;
  /** One result per entity key, in order; `null` for an entity with nothing stored. */
  read(view: string, entityKeys: readonly string[], features: readonly string[]): Promise<(OnlineReadResult | null)[]>;
  /**
   * Optional: the same read as columns, with no object per entity (the serving hot path). The
   * feature store uses it when present, else `read`.
   */
  readColumns?(view: string, entityKeys: readonly string[], features: readonly string[]): Promise<OnlineReadColumns>;
  /** Removes everything stored for a view (e.g. when its definition is deleted). */
  deleteView(view: string): Promise<void>;
}
