/** Plain JSON value, as stored in metadata columns. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `pruned`: a tuning trial whose pruner stopped its training (a stop by design, not a failure). */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'crashed' | 'pruned';
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'cached';

/** One execution of a pipeline. Times are epoch milliseconds. */
export interface RunRecord {
  id: string;
  pipeline: string;
  status: RunStatus;
  params: Json;
  startedAt: number;
  endedAt: number | null;
  error: string | null;
  /** Host name and process id of the runner, to detect runs whose process died. */
  host: string;
  pid: number;
  /** sha256 of the resolved config the run used. */
  configDigest: string | null;
  tags: Record<string, string>;
}

/** One execution of one step inside a run. */
export interface StepRunRecord {
  id: string;
  runId: string;
  /** The step's id inside its pipeline (unique per pipeline). */
  step: string;
  status: StepStatus;
  cacheKey: string;
  codeDigest: string;
  params: Json;
  startedAt: number;
  endedAt: number | null;
  logs: string;
  error: string | null;
  /** For a cached step: the step run whose outputs were reused. */
  cachedFrom: string | null;
}

/** A stored output. `name` is `<pipeline>/<step>/<output>`; `version` counts up per name. */
export interface ArtifactRecord {
  id: string;
  name: string;
  version: number;
  /** Content address in the artifact store, `sha256:<hex>`. */
  digest: string;
  size: number;
  /** Serializer that wrote the bytes (e.g. `frame`, `json`, `bytes`), needed to read them back. */
  serializer: string;
  runId: string;
  stepRunId: string;
  output: string;
  createdAt: number;
  /** Serializer-provided facts, e.g. a frame's row count and dataset digest. */
  metadata: Json;
}

/** Lineage edge: step run `stepRunId` consumed `artifactId` as input `name`. */
export interface StepInputRecord {
  stepRunId: string;
  name: string;
  artifactId: string;
}

/**
 * A named dataset version: a frame stored in the artifact store under a name. Versions count up per
 * name by content: registering a frame whose `digest` a version of that name already has returns
 * that version instead of a new one.
 */
export interface DatasetVersionRecord {
  name: string;
  version: number;
  /** The frame's dataset digest (`digestFrame`: schema and values), `sha256:<hex>`. */
  digest: string;
  /** Address of the encoded frame in the artifact store. */
  blobDigest: string;
  /** Size of the encoded frame in bytes. */
  size: number;
  rows: number;
  /** Columns in order: `[{ name, dtype }]`. */
  schema: { name: string; dtype: string }[];
  createdAt: number;
  /** The run that registered this version first; null outside a run. */
  runId: string | null;
}

/** A new version; the store assigns `version` (or returns the existing one of the same digest). */
export type NewDatasetVersion = Omit<DatasetVersionRecord, 'version'>;

/** A run read (`input`) or wrote (`output`) a dataset version. */
export interface DatasetUseRecord {
  runId: string;
  /** The step run that registered or loaded it (a cached step's uses are recorded again for the new run). */
  stepRunId: string | null;
  name: string;
  version: number;
  role: 'input' | 'output';
  createdAt: number;
}
