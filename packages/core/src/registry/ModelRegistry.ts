import type { Lifecycle } from '../plugins/Lifecycle';
import type { Json } from '../storage/records';
import type { DatasetRef } from '../tracking/Tracker';

/** One input column of a model, as callers send it (before preprocessing). */
export interface SignatureColumn {
  name: string;
  type: 'float' | 'double' | 'int' | 'string' | 'bool';
  /** May the value be missing (the preprocessing imputes it)? */
  nullable?: boolean;
}

/** What a model takes and gives: serving validates requests against it. */
export interface ModelSignature {
  task: 'binary' | 'multiclass' | 'regression';
  inputs: SignatureColumn[];
  /** ONNX outputs, e.g. `{ name: 'probabilities', type: 'float', shape: [null, 2] }`. */
  outputs: { name: string; type: string; shape: (number | null)[] }[];
  /** Class labels in probability-column order (classifiers). */
  classes?: string[];
}

/**
 * The features a model was trained on: the feature service, the applied definitions version it was
 * read from, and the entity keys. The server derives its online lookup from it and checks at load
 * that the service still covers the signature; `features apply` refuses to break it.
 */
export interface ModelFeatures {
  service: string;
  /** Version and digest of the applied feature definitions (`mlops features apply`). */
  definitionsVersion: number;
  definitionsDigest: string;
  /** Join keys a `/predict` body's `entities` carry. */
  entityKeys: string[];
}

/** Metrics of one model version on one evaluation set, identified by its dataset digest. */
export interface ModelEvaluation {
  /** `sha256:…` of the evaluation frame: the gate compares models only on the same digest. */
  datasetDigest: string;
  datasetName?: string | null;
  metrics: Record<string, number>;
  /** Metrics per slice, e.g. `{ 'age<40': { rocAuc: 0.97 } }`, shown on the model card. */
  slices?: Record<string, Record<string, number>>;
  evaluatedAt: number;
}

/** What `register` takes. Artifacts are content digests in the artifact store: models are data. */
export interface NewModelVersion {
  name: string;
  runId?: string | null;
  /**
   * `onnx`: the serving graph (preprocessing + model), required. Optional well-known keys: `model`
   * (the trainer's JSON), `preprocessing` (fitted transforms JSON), `baseline` (the validator's
   * distribution baseline, summarised on the model card). Other keys are kept as given.
   */
  artifacts: { onnx: string } & Record<string, string>;
  signature: ModelSignature;
  /** The candidate's evaluation: what the promotion gate compares. */
  evaluation?: Omit<ModelEvaluation, 'evaluatedAt'>;
  /** Datasets the model was trained from (lineage). */
  datasets?: DatasetRef[];
  tags?: Record<string, string>;
  description?: string | null;
  /** Trainer kind and params, shown on the model card. */
  training?: { kind: string; params: Json } | null;
  /** The feature service the training set came from, when it came from the feature store. */
  features?: ModelFeatures | null;
}

export interface ModelVersion {
  name: string;
  version: number;
  runId: string | null;
  artifacts: Record<string, string>;
  signature: ModelSignature;
  evaluations: ModelEvaluation[];
  datasets: DatasetRef[];
  tags: Record<string, string>;
  description: string | null;
  training: { kind: string; params: Json } | null;
  /** The feature service it was trained from; null when its data did not come from the feature store. */
  features: ModelFeatures | null;
  /** Aliases pointing at this version now. */
  aliases: string[];
  createdAt: number;
  createdBy: string;
}

/** What `register` returns: the version, and whether this call created it. */
export interface RegisteredVersion extends ModelVersion {
  /**
   * False when a version with the same artifacts and signature already existed: registration is
   * idempotent, so an identical rerun returns that version instead of adding a copy.
   */
  created: boolean;
}

export interface RegisteredModel {
  name: string;
  latestVersion: number;
  aliases: Record<string, number>;
  updatedAt: number;
}

/** Who changes the registry and why; `actor` defaults to `MLOPS_ACTOR`, then the OS user. */
export interface AuditContext {
  actor?: string;
  reason?: string;
}

export type RegistryEventType = 'register' | 'evaluate' | 'tag' | 'alias-set' | 'alias-removed' | 'promote' | 'promotion-refused' | 'promotion-forced' | 'rollback';

/** One append-only audit event. */
export interface RegistryEvent {
  id: number;
  model: string;
  version: number | null;
  type: RegistryEventType;
  alias: string | null;
  /** Version the alias pointed at before, for alias moves. */
  fromVersion: number | null;
  actor: string;
  reason: string | null;
  at: number;
  details: Json;
}

/** The promotion gate's verdict, recorded on the event either way. */
export interface GateDecision {
  passed: boolean;
  metric: string;
  direction: 'higher' | 'lower';
  candidate: number | null;
  incumbent: number | null;
  incumbentVersion: number | null;
  /** The evaluation set both were compared on. */
  datasetDigest: string | null;
  guards: { metric: string; candidate: number | null; incumbent: number | null; tolerance: number; passed: boolean }[];
  /** Human-readable reasons, one per failed condition (or why it passed). */
  reasons: string[];
}

export interface PromotionResult {
  promoted: boolean;
  forced: boolean;
  decision: GateDecision;
  event: RegistryEvent;
}

/**
 * Model registry: versions per name, aliases, a promotion gate, rollback and an audit trail.
 * Implementations keep the registry consistent when several processes write at once.
 */
export interface ModelRegistry extends Lifecycle {
  /** Idempotent by artifacts + signature: registering them again returns the existing version (`created: false`). */
  register(version: NewModelVersion, audit?: AuditContext): Promise<RegisteredVersion>;
  /** Adds an evaluation (e.g. the incumbent re-scored on the candidate's test set). */
  addEvaluation(name: string, version: number, evaluation: Omit<ModelEvaluation, 'evaluatedAt'>, audit?: AuditContext): Promise<void>;
  /** `ref`: a version number or an alias. */
  getVersion(name: string, ref: number | string): Promise<ModelVersion | undefined>;
  /** `name@alias`, `name:3`, `name@3` or `name` (latest); throws `NotFoundError` naming what exists. */
  resolve(ref: string): Promise<ModelVersion>;
  listModels(): Promise<RegisteredModel[]>;
  /** Newest first; an unknown model throws `NotFoundError` (an empty list would hide a typo). */
  listVersions(name: string): Promise<ModelVersion[]>;
  setTags(name: string, version: number, tags: Record<string, string>, audit?: AuditContext): Promise<void>;
  /** Points an ungated alias (e.g. `challenger`) at a version; gated aliases need `promote`. */
  setAlias(name: string, alias: string, version: number, audit?: AuditContext): Promise<RegistryEvent>;
  /** Moves `to` (default `champion`) to `version` if the gate passes, or with `force` and a reason. */
  promote(name: string, version: number, options?: { to?: string; force?: boolean } & AuditContext): Promise<PromotionResult>;
  /**
   * Moves the alias back to where it was before the move that brought it to its current version;
   * repeated rollbacks walk further back (v3 → v2 → v1), they never toggle.
   */
  rollback(name: string, options?: { alias?: string } & AuditContext): Promise<RegistryEvent>;
  /** Oldest first; `limit` keeps the newest `limit` events. An unknown model throws `NotFoundError`. */
  history(name: string, options?: { limit?: number }): Promise<RegistryEvent[]>;
  /** The model card of a version. */
  modelCard(name: string, version: number, format: 'markdown' | 'html'): Promise<string>;
}
