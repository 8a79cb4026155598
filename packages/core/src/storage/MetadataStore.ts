import type { ArtifactRecord, DatasetUseRecord, DatasetVersionRecord, Json, NewDatasetVersion, RunRecord, RunStatus, StepInputRecord, StepRunRecord, StepStatus } from './records';

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

export interface DatasetUseQuery {
  runId?: string;
  stepRunId?: string;
  name?: string;
  version?: number;
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

/** How a step run's record is written. */
export interface StepRecordWriteOptions {
  /**
   * The caller commits again on the same database after this write (an orchestrator records the
   * step's outcome), and that commit makes this one durable too: a store may commit this write
   * without waiting for the disk (Postgres: `synchronous_commit` off for it). A database crash before
   * the caller's commit loses both, and the orchestrator runs the step again. Stores may ignore it.
   */
  durableWithNextCommit?: boolean;
}

/** A step run as it ended, with what it read and what it wrote: see {@link MetadataStore.recordStepRun}. */
export interface StepRunOutcome {
  /** The final record (`endedAt` set). */
  stepRun: StepRunRecord;
  /** Inputs not recorded yet (an input already recorded for the step run is kept as it is). */
  inputs: StepInputRecord[];
  /** The step run's artifacts, names distinct; each gets the next version of its name. */
  artifacts: NewArtifact[];
}

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

  createStepRun(stepRun: StepRunRecord, options?: StepRecordWriteOptions): Promise<void>;
  /** Throws `NotFoundError` for an unknown id. */
  finishStepRun(id: string, patch: StepRunPatch, options?: StepRecordWriteOptions): Promise<void>;
  /**
   * Writes a step run at its end, all or nothing: the record (inserted, or replacing the one
   * `createStepRun` wrote at its start), its inputs and its artifacts, whose full records come back in
   * the given order. One transaction where a step wrote several records in turn, so a succeeded step
   * run is never seen without its artifacts, and a failure leaves nothing of it half written.
   */
  recordStepRun(outcome: StepRunOutcome, options?: StepRecordWriteOptions): Promise<ArtifactRecord[]>;
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

  /**
   * The version of `dataset.name` with `dataset.digest`: the existing one, or a new one numbered next
   * per name. Atomic: processes registering the same content at once all get the same version.
   */
  recordDatasetVersion(dataset: NewDatasetVersion): Promise<DatasetVersionRecord>;
  /** One version, or the latest when `version` is omitted. */
  getDatasetVersion(name: string, version?: number): Promise<DatasetVersionRecord | undefined>;
  /** Every version of `name` (of every name when omitted), by name, newest version first. */
  listDatasetVersions(name?: string): Promise<DatasetVersionRecord[]>;
  /** Idempotent: a use already recorded (same run, step run, name, version, role) is kept once. */
  recordDatasetUses(uses: DatasetUseRecord[]): Promise<void>;
  /** Uses matching every given field, oldest first. */
  listDatasetUses(query: DatasetUseQuery): Promise<DatasetUseRecord[]>;
}

export type { Json };
