import type { Frame } from '@mlops/frame';
import type { ArtifactStore } from '../storage/ArtifactStore';
import type { Json } from '../storage/records';
import type { MetadataStore } from '../storage/MetadataStore';
import type { OnlineStore } from '../features/OnlineStore';
import type { FeatureStore } from '../features/FeatureStore';
import type { Lifecycle } from '../plugins/Lifecycle';
import type { ModelRegistry } from '../registry/ModelRegistry';
import type { ModelRuntime } from '../serving/ModelRuntime';
import type { ModelServer } from '../serving/ModelServer';
import type { Tracker } from '../tracking/Tracker';
import type { DatabaseService } from '../database/DatabaseService';
import type { Monitor } from '../monitoring/Monitor';
import type { Tuner } from '../tuning/Tuner';
import type { Orchestrator } from '../orchestration/Orchestrator';
import { createToken, type Token } from './createToken';

/** An alert raised by a monitor, a refused promotion, a failed run. */
export interface Alert {
  severity: 'info' | 'warning' | 'critical';
  title: string;
  detail?: string;
  labels?: Record<string, string>;
}

/** Delivers alerts (webhook, Slack, e-mail, log). */
export interface AlertSink extends Lifecycle {
  send(alert: Alert): Promise<void>;
}

/** What a validator returns: the frame after the configured repairs (fills, masking, dedup) and a report. */
export interface ValidationOutcome {
  /** False when any check of severity `error` failed; the pipeline step then fails after storing the report. */
  passed: boolean;
  frame: Frame;
  /** Plain data: every check with its status, counts and example rows. */
  report: Json;
}

/** Checks a frame against a schema (the plugin defines the schema's type) and applies repairs. */
export interface Validator extends Lifecycle {
  validate(frame: Frame, schema: unknown, context?: { dataset?: string }): Promise<ValidationOutcome>;
}

/** Per-iteration progress of a trainer (a boosting round, an epoch). */
export interface TrainingProgress {
  iteration: number;
  /** Metric values at this iteration, e.g. `{ train_logloss: 0.31, valid_logloss: 0.35 }`. */
  metrics: Record<string, number>;
}

/** Options of `Trainer.fit`. */
export interface FitOptions {
  /** Same seed, same data, same params ⇒ the same model. */
  seed?: number;
  /** Early stopping and the `valid_*` metrics use this set. */
  validation?: Frame;
  /** Called after every iteration; returning `'stop'` ends training (pruning by a tuner). */
  onIteration?: (progress: TrainingProgress) => void | 'stop' | Promise<void | 'stop'>;
  signal?: AbortSignal;
}

/** A fitted model: predicts on frames, serialises as plain data (never code), exports ONNX. */
export interface TrainedModel {
  /** The trainer that made it (`gbdt`, `logistic-regression`, ...), used to load it back. */
  readonly kind: string;
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** Input columns, in order. */
  readonly featureNames: readonly string[];
  /** Class labels of a classifier, in the order of `predictProba` columns. */
  readonly classes?: readonly string[];
  /** Regression values, or the index into `classes` of the predicted class. */
  predict(frame: Frame): Float64Array;
  /** Row-major `rows × classes.length` probabilities (classifiers only). */
  predictProba?(frame: Frame): Float64Array;
  toJSON(): Json;
  /** An ONNX model with one float input `features` [N, featureNames.length]. */
  toOnnx(): Uint8Array;
}

/** Fits models of one family; `load` rebuilds a model from its `toJSON()` data. */
export interface Trainer extends Lifecycle {
  readonly kind: string;
  fit(frame: Frame, target: string, params: unknown, options?: FitOptions): Promise<TrainedModel>;
  load(data: Json): TrainedModel;
}

/**
 * A stage service whose full contract lands with its own issue (validators: data quality;
 * trainers/tuners; tracker/registry; feature store; server/runtime; monitors; orchestrator).
 * Until then a plugin for the slot must at least honour the lifecycle.
 */
export type StageService = Lifecycle & Record<string, unknown>;

/**
 * URI schemes (`s3://…`) that every data reader accepts while the plugin runs: it registers its
 * handlers with `@mlops/frame`'s `registerDataLocationHandler` in `start` and removes them in `close`.
 */
export interface DataLocations extends Lifecycle {
  /** The schemes handled, e.g. `['s3']`. */
  readonly schemes: readonly string[];
}

/** One token per pipeline stage (a configurable slot); a plugin `provides` exactly one of these. */
const stageTokens = {
  artifactStore: createToken<ArtifactStore & Lifecycle>('artifactStore', 'the artifact store'),
  metadataStore: createToken<MetadataStore & Lifecycle>('metadataStore', 'the metadata store'),
  validator: createToken<Validator>('validator', 'the validator'),
  featureStore: createToken<FeatureStore>('featureStore', 'the feature store'),
  onlineStore: createToken<OnlineStore>('onlineStore', 'the online feature store'),
  trainer: createToken<Trainer>('trainer', 'the trainer'),
  tuner: createToken<Tuner>('tuner', 'the tuner'),
  tracker: createToken<Tracker>('tracker', 'the experiment tracker'),
  modelRegistry: createToken<ModelRegistry>('modelRegistry', 'the model registry'),
  modelRuntime: createToken<ModelRuntime>('modelRuntime', 'the model runtime'),
  server: createToken<ModelServer>('server', 'the model server'),
  monitor: createToken<Monitor>('monitor', 'the monitor'),
  orchestrator: createToken<Orchestrator>('orchestrator', 'the orchestrator'),
  alertSink: createToken<AlertSink>('alertSink', 'the alert sink'),
  dataLocations: createToken<DataLocations>('dataLocations', 'the data locations (URI schemes such as s3://)'),
} as const;

/**
 * Every token: the stage slots, and services a stage plugin offers beside its own (`alsoProvides`),
 * which are not configured on their own: `database` comes with an SQL metadata store.
 */
export const tokens = {
  ...stageTokens,
  database: createToken<DatabaseService>('database', 'the SQL database (of the metadata store)'),
} as const;

/** Name of a configurable slot (`plugins.<slot>` in config). */
export type SlotName = keyof typeof stageTokens;

export const slotNames = Object.keys(stageTokens) as SlotName[];

/**
 * Slots every command loads and starts even when it asks for a few slots only: any command may meet
 * a data path (`s3://…`), so the URI schemes must be registered wherever data is read.
 */
export const ambientSlots: readonly SlotName[] = ['dataLocations'];

/** For a token that is not a slot of its own: the slots whose plugins may provide it beside their own. */
export const providedAlongside: Readonly<Record<string, readonly SlotName[]>> = {
  [tokens.database.id]: ['metadataStore'],
};

/** Slot name for a token id, if it is one of core's stage tokens. */
export function slotOfToken(token: Token<unknown>): SlotName | undefined {
  return slotNames.find((s) => stageTokens[s].id === token.id);
}

/** Packages we publish for each slot: suggested when a required token is missing. */
export const knownProviders: Partial<Record<SlotName, string[]>> = {
  artifactStore: ['@mlops/storage-local', '@mlops/storage-s3'],
  metadataStore: ['@mlops/storage-local', '@mlops/storage-postgres'],
  tracker: ['@mlops/tracker'],
  modelRegistry: ['@mlops/model-registry'],
  featureStore: ['@mlops/feature-store'],
  onlineStore: ['@mlops/online-store-redis'],
  modelRuntime: ['@mlops/runtime-onnx'],
  server: ['@mlops/server'],
  dataLocations: ['@mlops/storage-s3'],
  validator: ['@mlops/validator'],
  tuner: ['@mlops/tuner'],
  monitor: ['@mlops/monitor'],
  orchestrator: ['@mlops/orchestrator-local', '@mlops/orchestrator-bullmq'],
  alertSink: ['@mlops/alerts'],
};
