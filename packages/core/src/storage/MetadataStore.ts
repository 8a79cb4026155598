import type { ArtifactRecord, Json, RunRecord, RunStatus, StepInputRecord, StepRunRecord, StepStatus } from './records';

export interface RunQuery {
  pipeline?: string;
  status?: RunStatus;
  /** Newest first. Defaults to 50. */
  limit?: number;
  offset?: number;
}

export interface ArtifactQuery {
  runId?: string;
  name?: string;
  limit?: number;
  offset?: number;
}

export interface RunPatch {
  status: RunStatus;
  endedAt: number;
  error?: string | null;
}

export interface StepRunPatch {
  status: StepStatus;
  endedAt: number;
  logs?: string;
  error?: string | null;
  cachedFrom?: string | null;
}

/** New artifact; the store assigns `version` (next per name, atomically) and returns the full record. */
export type NewArtifact = Omit<ArtifactRecord, 'version'>;

/**
 * Runs, step runs, artifacts and lineage. Implementations must be safe for several processes writing
 * at once (the conformance suite in @mlops/testkit checks this).
 */
export interface MetadataStore {
  createRun(run: RunRecord): Promise<void>;
  /** Throws `NotFoundError` for an unknown id. */
  finishRun(id: string, patch: RunPatch): Promise<void>;
  /** Looks a run up by full id, unique id prefix, or `latest`; an ambiguous prefix throws `NotFoundError`. */
  getRun(idOrPrefix: string): Promise<RunRecord | undefined>;
  /** Newest first (by `startedAt`). */
  listRuns(query?: RunQuery): Promise<RunRecord[]>;

  createStepRun(stepRun: StepRunRecord): Promise<void>;
  /** Throws `NotFoundError` for an unknown id. */
  finishStepRun(id: string, patch: StepRunPatch): Promise<void>;
  /** A run's step runs in start order. */
  listStepRuns(runId: string): Promise<StepRunRecord[]>;
  /** The newest succeeded step run with this cache key, if any. */
  findCachedStepRun(cacheKey: string): Promise<StepRunRecord | undefined>;

  recordArtifact(artifact: NewArtifact): Promise<ArtifactRecord>;
  /** By full id, unique id prefix, or `latest`; an ambiguous prefix throws `NotFoundError`. */
  getArtifact(idOrPrefix: string): Promise<ArtifactRecord | undefined>;
  /** Newest first (by `createdAt`). */
  listArtifacts(query?: ArtifactQuery): Promise<ArtifactRecord[]>;
  /** Artifacts produced by a step run, in output-name order. */
  artifactsOfStepRun(stepRunId: string): Promise<ArtifactRecord[]>;

  recordStepInputs(inputs: StepInputRecord[]): Promise<void>;
  inputsOfStepRun(stepRunId: string): Promise<StepInputRecord[]>;
}

export type { Json };
