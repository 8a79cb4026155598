import type { ResolvedConfig } from '../config/ResolvedConfig';
import type { StepDefinition } from '../pipeline/step';
import type { ModelVersion, PromotionResult } from '../registry/ModelRegistry';
import type { TensorValue } from '../serving/ModelRuntime';
import type { ServedModelInfo } from '../serving/ModelServer';
import type { ArtifactRecord, Json } from '../storage/records';
import type { Token } from '../tokens/createToken';
import type { StepTracking } from '../tracking/StepTracking';

/** A run was recorded and is about to start its first step. */
export interface RunStartEvent {
  runId: string;
  pipeline: string;
  params: Record<string, unknown>;
  tags: Record<string, string>;
  startedAt: number;
  /** Step ids in plan order, and their definitions (for the environment a tracker records). */
  steps: readonly { id: string; step: StepDefinition }[];
  config: ResolvedConfig;
}

/**
 * A run ended; `crashed`: a run found abandoned (its process died) when the next run started;
 * `pruned`: a tuning trial stopped by its pruner.
 */
export interface RunEndEvent {
  runId: string;
  pipeline: string | null;
  status: 'succeeded' | 'failed' | 'crashed' | 'pruned';
  endedAt: number;
  error?: string;
}

/**
 * A step is about to run (not for cached steps). A subscriber may hand the step a tracking
 * (`ctx.track`) and wrap services the step resolves (the tracker plugin autologs trainers so).
 */
export interface StepStartEvent {
  runId: string;
  pipeline: string;
  stepId: string;
  stepRunId: string;
  params: unknown;
  /** Sets `ctx.track` for this step (the last caller wins). */
  setTracking(track: StepTracking): void;
  /** Wraps the service the step gets from `ctx.resolve(token)`; wrappers apply in subscription order. */
  decorate<T>(token: Token<T>, wrap: (service: T) => T): void;
}

/** One stored output of a step, with its value when the step computed it in this run. */
export interface StepOutput {
  record: ArtifactRecord;
  value?: unknown;
}

/** A step finished: it ran (`cachedFrom` null) or was reused from a cached step run. */
export interface StepEndEvent {
  runId: string;
  pipeline: string;
  stepId: string;
  status: 'succeeded' | 'cached' | 'failed';
  /** Steps without inputs read the run's data: their frames are its input datasets. */
  isSource: boolean;
  outputs: readonly StepOutput[];
  /** The top-level numbers of an `evaluation` or `metrics` output. */
  metrics: Record<string, number>;
  /** The run whose step run a cached step reused. */
  cachedFrom: { stepRunId: string; runId: string } | null;
  durationMs: number;
  error?: string;
}

/** A step output's blob was stored and recorded. */
export interface ArtifactStoredEvent {
  runId: string;
  stepId: string;
  artifact: ArtifactRecord;
}

/** A line a step logged (`ctx.log`). Delivered without waiting: subscribers must be quick. */
export interface StepLogEvent {
  runId: string;
  stepId: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export interface ModelRegisteredEvent {
  version: ModelVersion;
  /** False when the call found the same artifacts registered already. */
  created: boolean;
  actor: string | null;
}

export interface ModelPromotedEvent {
  name: string;
  version: number;
  alias: string;
  forced: boolean;
  result: PromotionResult;
}

/**
 * Rows one inference call of the server answered (a micro-batch: often many requests), as the
 * columns the runtime was fed and returned: no row objects are built for it. Delivered off the
 * request path through a bounded queue; the arrays belong to the subscriber only while it runs
 * (copy what you keep).
 */
export interface PredictionsServedEvent {
  model: ServedModelInfo;
  rows: number;
  inputs: Readonly<Record<string, TensorValue>>;
  outputs: Readonly<Record<string, TensorValue>>;
  /** `Date.now()` when the inference call returned. */
  servedAt: number;
  /**
   * The requests the call answered, in row order (each request's rows are consecutive), with their
   * latency so far; absent when the emitter has no requests (tests).
   */
  requests?: readonly ServedRequest[];
  /** How long the inference call itself took, in milliseconds. */
  inferenceMs?: number;
  /**
   * Who ran the call: the model server (the default when absent) or batch inference (`mlops predict`,
   * which emits one event per committed chunk with the request id `batch:<jobId>:<firstRow>` and waits
   * for the subscribers, so they may hold it up rather than drop rows).
   */
  source?: 'server' | 'batch';
}

/** One request of a `predictionsServed` call. */
export interface ServedRequest {
  /** The request id the server answered with (`x-request-id`). */
  id: string;
  rows: number;
  /** Milliseconds from the request's arrival to the inference call's return (parsing, feature lookup, queueing, inference). */
  latencyMs: number;
}

/** Ground truth or a user's verdict on served predictions. Declared for the monitoring work: nothing emits it yet. */
export interface FeedbackReceivedEvent {
  model: string;
  /** Request ids (or entity keys) the feedback is about, with one label or value each. */
  ids: readonly string[];
  labels: readonly Json[];
  receivedAt: number;
}

/** Every hook, by name, with its event. */
export interface HookEvents {
  runStart: RunStartEvent;
  runEnd: RunEndEvent;
  stepStart: StepStartEvent;
  stepEnd: StepEndEvent;
  artifactStored: ArtifactStoredEvent;
  stepLog: StepLogEvent;
  modelRegistered: ModelRegisteredEvent;
  modelPromoted: ModelPromotedEvent;
  predictionsServed: PredictionsServedEvent;
  feedbackReceived: FeedbackReceivedEvent;
}

export type HookName = keyof HookEvents;
