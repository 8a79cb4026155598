import type { Frame } from '@mlops/frame';
import type { Lifecycle } from '../plugins/Lifecycle';
import type { FeatureScalar } from './OnlineStore';

/** Kind of a definition object the registry versions. */
export type FeatureObjectKind = 'entity' | 'featureView' | 'feature' | 'onDemandFeature' | 'featureService';

/** One difference between the definitions in code and the stored registry. */
export interface FeatureRegistryChange {
  action: 'added' | 'changed' | 'removed';
  kind: FeatureObjectKind;
  /** `view` for views, `view:feature` for features, the object's name otherwise. */
  name: string;
  /** What changed, for `changed` (e.g. `type float -> int`). */
  detail?: string;
}

/** A change `apply` refuses unless forced (a type change, a removed feature a service uses). */
export interface IncompatibleFeatureChange {
  name: string;
  reason: string;
}

/** What `plan` reports: the stored version, the changes, and which of them are incompatible. */
export interface FeatureRegistryPlan {
  /** Latest stored version, or null when nothing was applied yet. */
  currentVersion: number | null;
  changes: FeatureRegistryChange[];
  incompatible: IncompatibleFeatureChange[];
}

/** What `apply` did: the new version (or the current one when nothing changed). */
export interface FeatureApplyResult extends FeatureRegistryPlan {
  version: number;
  /** False when the definitions equal the stored ones (no new version). */
  applied: boolean;
}

/** Progress of a materialization, after each committed chunk. */
export interface MaterializeProgress {
  view: string;
  /** Entities written so far for this view in this window. */
  written: number;
  /** Entities with a value in the window (known after the first chunk). */
  total: number;
}

/** Options of {@link FeatureStore.materialize}. Times are epoch milliseconds, `[start, end)`. */
export interface MaterializeOptions {
  start: number;
  end: number;
  /** Only these views (default every view of the registry in code). */
  views?: readonly string[];
  onProgress?: (progress: MaterializeProgress) => void;
  /** Entities per chunk (default 5000). */
  chunkSize?: number;
}

/** What a materialization wrote per view. */
export interface MaterializeResult {
  views: { view: string; start: number; end: number; written: number }[];
}

/** Status of one online value. */
export type OnlineValueStatus = 'present' | 'missing' | 'expired';

/** Request of {@link FeatureStore.getOnlineFeatures}. */
export interface OnlineFeaturesRequest {
  featureService: string;
  /** Join key values per entity, e.g. `[{ customer_id: 42 }]`. */
  entities: readonly Record<string, FeatureScalar>[];
  /** Request data for on-demand features, one object per entity (same order). */
  request?: readonly Record<string, FeatureScalar>[];
}

/** Typed columns (one value per entity) with per-value status and age. */
export interface OnlineFeaturesResult {
  /** Feature names in the service's order (then on-demand outputs). */
  features: string[];
  /** `values[feature][i]`: the value for entity i (null when missing or expired). */
  values: Record<string, FeatureScalar[]>;
  status: Record<string, OnlineValueStatus[]>;
  /** Milliseconds since the value's event time; null when missing. */
  ageMs: Record<string, (number | null)[]>;
}

/** A feature service as the applied definitions describe it: what serving reads. */
export interface FeatureServiceDescription {
  service: string;
  /** The applied definitions version and digest it comes from. */
  version: number;
  digest: string;
  /** Join keys of every view it reads. */
  entityKeys: string[];
  /** Output columns in order, with their feature types. */
  columns: { name: string; type: 'float' | 'int' | 'string' | 'bool' }[];
}

/** Progress of {@link FeatureStore.ingest}: running totals since it started. */
export interface IngestProgress {
  view: string;
  received: number;
  written: number;
  deadLettered: number;
}

/** Options of {@link FeatureStore.ingest}. */
export interface IngestOptions {
  /** Stops the consumer: the batch in hand is committed and acknowledged, then it disconnects. */
  signal?: AbortSignal;
  /** Most messages per micro-batch (default 2000): also the bound on messages held in memory. */
  batchSize?: number;
  /** Consumer name in a Redis consumer group (default `<host>-<pid>`). */
  consumerName?: string;
  /** After each committed batch. */
  onBatch?: (progress: IngestProgress) => void;
  /** A failed commit (e.g. a store unreachable): the batch is retried with backoff, not acknowledged. */
  onError?: (error: Error) => void;
}

/** What {@link FeatureStore.push} did: events written, and those refused with the reason. */
export interface PushResult {
  written: number;
  refused: { index: number; reason: string }[];
}

/**
 * The feature store: versioned definitions, point-in-time-correct training sets, materialization
 * into the online store, and online reads with freshness.
 */
export interface FeatureStore extends Lifecycle {
  /** Differences between the definitions in code and the stored registry. */
  plan(): Promise<FeatureRegistryPlan>;
  /** Stores a new version; refuses incompatible changes unless `force`. */
  apply(options?: { force?: boolean }): Promise<FeatureApplyResult>;
  /**
   * For each entity row (join keys + event timestamp column), the latest value of each feature at
   * or before the row's time and within the view's TTL, else null; on-demand features after.
   */
  getHistoricalFeatures(entityRows: Frame, featureService: string, options?: { timestampColumn?: string }): Promise<Frame>;
  materialize(options: MaterializeOptions): Promise<MaterializeResult>;
  /** Materializes from each view's stored watermark up to `end` (default now). */
  materializeIncremental(options?: Omit<MaterializeOptions, 'start' | 'end'> & { end?: number }): Promise<MaterializeResult>;
  /** Online reads use the applied definitions (the latest `apply`), not the ones in code. */
  getOnlineFeatures(request: OnlineFeaturesRequest): Promise<OnlineFeaturesResult>;
  /**
   * The service in the latest applied definitions (re-read from the registry, so a server picks up
   * a new apply when it loads a model); throws when nothing was applied or the service is unknown.
   */
  describeService(name: string): Promise<FeatureServiceDescription>;
  /**
   * Writes events of a stream-sourced view directly (for applications that produce them): each is
   * validated against the view's schema, written online (a newer stored event time wins) and
   * appended offline, idempotent by id (`ids[i]`, else the view's `idField`, else a digest of the
   * event). Resolves once both writes are committed.
   */
  push(view: string, events: readonly Readonly<Record<string, unknown>>[], options?: { ids?: readonly string[] }): Promise<PushResult>;
  /** Consumes a stream-sourced view's stream until `signal` aborts (see {@link IngestOptions}). */
  ingest(view: string, options?: IngestOptions): Promise<IngestProgress>;
  /** The store's Prometheus metrics as exposition text (what a `/metrics` endpoint answers). */
  metricsText(): Promise<string>;
}
